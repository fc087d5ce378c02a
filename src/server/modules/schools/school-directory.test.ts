import { describe, expect, it } from "vitest";
import type { SchoolFilter } from "../../../shared/schemas/schools";
import { type DirectoryEntry, HubSchools, pageOf, sortKey } from "./school-directory";

let nextUrn = 100001;
const school = (over: Partial<DirectoryEntry> & { name: string }): DirectoryEntry => {
  const urn = over.urn ?? nextUrn++;
  return {
    id: `00000000-0000-4000-8000-${String(urn).padStart(12, "0")}`,
    urn,
    phase: "primary",
    typeName: "Community school",
    status: "open",
    laCode: "931",
    laName: "Northshire",
    laestab: null,
    town: null,
    postcode: null,
    pupils: null,
    percentFsm: null,
    trust: null,
    areaId: null,
    areaName: null,
    areaSource: null,
    linkOfficerId: null,
    linkOfficerName: null,
    easting: null,
    northing: null,
    tags: [],
    ...over,
  };
};

const AREA_N = "00000000-0000-4000-8000-0000000000a1";
const AREA_C = "00000000-0000-4000-8000-0000000000a2";
const OFFICER = "00000000-0000-4000-8000-0000000000f1";

const hub = new HubSchools(1, [
  school({
    urn: 200001,
    name: "Ashby Primary School",
    town: "Kestwick",
    postcode: "NS10 4AB",
    pupils: 380,
    areaId: AREA_N,
    areaName: "North",
    tags: ["wcet"],
  }),
  school({
    urn: 200002,
    name: "Brook Lane Academy",
    phase: "secondary",
    typeName: "Academy converter",
    town: "Hallerby",
    postcode: "NS2 7QD",
    laCode: "932",
    trust: "Riverside Learning Trust",
    pupils: 1100,
    areaId: AREA_C,
    areaName: "City",
    linkOfficerId: OFFICER,
    linkOfficerName: "Officer One",
  }),
  school({ urn: 200003, name: "St Mary's School 10", town: "Parkgate", pupils: 90, status: "closed" }),
  school({
    urn: 200004,
    name: "St Mary's School 2",
    town: "Ashwell",
    phase: "nursery",
    areaId: AREA_N,
    areaName: "North",
  }),
  school({ urn: 200005, name: "école Élan", postcode: "ns1 1aa", pupils: 240, phase: "special" }),
  school({ urn: 300001, name: "brook house", town: "Kestwick", pupils: 240, percentFsm: 12.5 }),
]);

const list = (f: Partial<SchoolFilter> = {}, scope = {}) => {
  const matching = hub.list(f, scope);
  return { items: pageOf(hub, matching, 0, 100), total: matching.length };
};
const urns = (f: Partial<SchoolFilter> = {}, scope = {}) => list(f, scope).items.map((e) => e.urn);

describe("school directory: filters", () => {
  it("keeps every school without a filter", () => {
    expect(list().total).toBe(6);
  });

  it("filters by phase, status, LA, type (any case) and tag", () => {
    expect(urns({ phase: "secondary" })).toEqual([200002]);
    expect(urns({ status: "closed" })).toEqual([200003]);
    expect(urns({ la: "932" })).toEqual([200002]);
    expect(urns({ type: "academy CONVERTER" })).toEqual([200002]);
    expect(urns({ tag: "wcet" })).toEqual([200001]);
    expect(urns({ tag: "WCET" })).toEqual([]);
  });

  it("filters by area and link officer, and by having none", () => {
    expect(urns({ area: AREA_N }).sort()).toEqual([200001, 200004]);
    expect(urns({ area: "none" })).toHaveLength(3);
    expect(urns({ linkOfficer: OFFICER })).toEqual([200002]);
    expect(urns({ linkOfficer: "none" })).toHaveLength(5);
    expect(urns({ area: "00000000-0000-4000-8000-00000000dead" })).toEqual([]);
  });

  it("filters by trust containing the text, any case", () => {
    expect(urns({ trust: "riverside" })).toEqual([200002]);
    expect(urns({ trust: "nowhere" })).toEqual([]);
  });

  it("combines filters (all must hold)", () => {
    expect(urns({ area: AREA_N, phase: "nursery" })).toEqual([200004]);
    expect(urns({ area: AREA_N, phase: "secondary" })).toEqual([]);
  });

  it("limits a school user to their own school, and to nothing without one", () => {
    const own = hub.entries[2]?.id ?? null;
    expect(urns({}, { onlySchoolId: own })).toEqual([200003]);
    expect(urns({ status: "open" }, { onlySchoolId: own })).toEqual([]);
    expect(urns({}, { onlySchoolId: null })).toEqual([]);
  });
});

describe("school directory: free text", () => {
  it("finds names and towns containing the text, in any case", () => {
    expect(urns({ q: "BROOK" }).sort()).toEqual([200002, 300001]);
    expect(urns({ q: "kestwick" }).sort()).toEqual([200001, 300001]);
    expect(urns({ q: "mary's" })).toHaveLength(2);
    expect(urns({ q: "lane acad" })).toEqual([200002]);
  });

  it("matches short text (under three letters) and text of exactly three", () => {
    expect(urns({ q: "é" })).toEqual([200005]);
    expect(urns({ q: "ash" }).sort()).toEqual([200001, 200004]);
  });

  it("needs the letters together: trigrams alone are not a match", () => {
    // "park" has the trigrams of "parkgate"; "arkp" does not occur although "ark" and "rkp" might.
    expect(urns({ q: "park" })).toEqual([200003]);
    expect(urns({ q: "prak" })).toEqual([]);
  });

  it("does not match across the end of the name into the town", () => {
    expect(urns({ q: "school kestwick" })).toEqual([]);
  });

  it("finds postcodes by their start, with or without the space, any case", () => {
    expect(urns({ q: "NS10" })).toEqual([200001]);
    expect(urns({ q: "ns104a" })).toEqual([200001]);
    expect(urns({ q: "NS1 1A" })).toEqual([200005]);
    expect(urns({ q: "NS1" }).sort()).toEqual([200001, 200005]);
  });

  it("finds URNs by their start", () => {
    expect(urns({ q: "20000" })).toHaveLength(5);
    expect(urns({ q: "300001" })).toEqual([300001]);
    expect(urns({ q: "4" })).toEqual([]);
  });
});

describe("school directory: sorts and pages", () => {
  it("sorts names as people read them: any case, accents aside, numbers by value", () => {
    expect(list({ sort: "name" }).items.map((e) => e.name)).toEqual([
      "Ashby Primary School",
      "brook house",
      "Brook Lane Academy",
      "école Élan",
      "St Mary's School 2",
      "St Mary's School 10",
    ]);
    expect(urns({ sort: "name", dir: "desc" })[0]).toBe(200003);
  });

  it("puts unknown values last in either direction, ties by name", () => {
    expect(urns({ sort: "pupils" })).toEqual([200003, 300001, 200005, 200001, 200002, 200004]);
    expect(urns({ sort: "pupils", dir: "desc" })).toEqual([200002, 200001, 300001, 200005, 200003, 200004]);
    expect(urns({ sort: "percentFsm", dir: "desc" })[0]).toBe(300001);
    expect(urns({ sort: "area" }).slice(0, 3)).toEqual([200002, 200001, 200004]);
    expect(urns({ sort: "area", dir: "desc" }).slice(0, 3)).toEqual([200001, 200004, 200002]);
  });

  it("sorts phases in the order of education, not by their names", () => {
    expect(urns({ sort: "phase" })[0]).toBe(200004); // nursery
    expect(urns({ sort: "phase", dir: "desc" })[0]).toBe(200005); // special
  });

  it("cuts pages of the matches and counts them all", () => {
    const matching = hub.list({ q: "s" }, {});
    // "s" is in every name but Brook Lane Academy's and École Élan's.
    expect(matching.length).toBe(4);
    expect(pageOf(hub, matching, 0, 2).map((e) => e.urn)).toEqual([200001, 300001]);
    expect(pageOf(hub, matching, 2, 4).map((e) => e.urn)).toEqual([200004, 200003]);
    expect(pageOf(hub, matching, 40, 42)).toEqual([]);
    // Asked again (kept), the same list.
    expect(hub.list({ q: "s" }, {})).toBe(matching);
    expect(hub.list({ q: "s", dir: "desc" }, {})).not.toBe(matching);
  });

  it("makes sort keys that compare digits by value and ignore case and accents", () => {
    expect(sortKey("School 2") < sortKey("school 10")).toBe(true);
    expect(sortKey("École")).toBe(sortKey("ecole"));
    expect(sortKey("Unit 007")).toBe(sortKey("unit 7"));
  });
});

describe("school directory: lists kept", () => {
  it("never answers a school user from a list kept for the whole hub", () => {
    expect(urns({ phase: "primary" })).toHaveLength(3);
    expect(urns({ phase: "primary" }, { onlySchoolId: null })).toEqual([]);
    expect(urns({ phase: "primary" }, { onlySchoolId: hub.entries[0]?.id ?? null })).toEqual([200001]);
    expect(urns({ phase: "primary" })).toHaveLength(3);
  });
});

describe("school directory: searches kept", () => {
  it("answers a repeated search the same, and keeps only the latest searches", () => {
    const first = urns({ q: "brook" });
    for (let i = 0; i < 100; i++) urns({ q: `no such school ${i}` });
    expect(urns({ q: "brook" })).toEqual(first);
    expect(urns({ q: "BROOK", phase: "secondary" })).toEqual([200002]);
  });
});
