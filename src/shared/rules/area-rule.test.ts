import { describe, expect, it } from "vitest";
import { areaForSchool, outwardCode } from "./area-rule";

const areas = [
  { id: "city", districts: ["Northshire City"], postcodePrefixes: ["NS1", "NS2"] },
  { id: "north", districts: ["North Northshire"], postcodePrefixes: ["NS10", "NS11"] },
  { id: "south", districts: [], postcodePrefixes: ["ns20"] },
];

describe("outwardCode", () => {
  it("takes the part before the space, or all but the inward code", () => {
    expect(outwardCode("NS10 4AB")).toBe("NS10");
    expect(outwardCode("ns10 4ab")).toBe("NS10");
    expect(outwardCode("NS104AB")).toBe("NS10");
    expect(outwardCode(" NS1  4AB ")).toBe("NS1");
    expect(outwardCode("NS1")).toBe("NS1");
  });
  it("says null for nothing or nonsense", () => {
    expect(outwardCode(null)).toBeNull();
    expect(outwardCode("")).toBeNull();
    expect(outwardCode("hello")).toBeNull();
  });
});

describe("areaForSchool", () => {
  it("matches the district first, ignoring case and spacing", () => {
    expect(areaForSchool({ district: "north  northshire", postcode: "NS1 1AA" }, areas)).toBe("north");
  });
  it("falls back to the postcode's outward code, exactly", () => {
    expect(areaForSchool({ district: "Elsewhere", postcode: "NS10 4AB" }, areas)).toBe("north");
    expect(areaForSchool({ district: null, postcode: "ns1 4ab" }, areas)).toBe("city");
    expect(areaForSchool({ district: null, postcode: "NS20 1ZZ" }, areas)).toBe("south");
  });
  it("does not take a prefix of the outward code for a match", () => {
    // NS12 starts with NS1 but is not NS1.
    expect(areaForSchool({ district: null, postcode: "NS12 4AB" }, areas)).toBeNull();
  });
  it("is null when nothing matches or nothing is known", () => {
    expect(areaForSchool({ district: null, postcode: null }, areas)).toBeNull();
    expect(areaForSchool({ district: "Elsewhere", postcode: "ZZ9 9ZZ" }, areas)).toBeNull();
    expect(areaForSchool({ district: "Northshire City", postcode: null }, [])).toBeNull();
  });
});
