import { describe, expect, it } from "vitest";
import {
  awardStatusOn,
  awardYearOf,
  isCurrentOn,
  levelSupport,
  type QmAnswer,
  type QmFramework,
  shareOf,
  standardsFor,
  validityYearsOf,
  validUntil,
} from "./quality-mark";

const std = (id: string) => ({
  id,
  theme: "singing" as const,
  title: id,
  guidance: "",
  evidenceExpected: "",
});
const framework: QmFramework = {
  // Deliberately out of order: the rule orders levels itself.
  levels: [
    { code: "silver", label: "Silver", standards: [std("s1")] },
    { code: "bronze", label: "Bronze", standards: [std("b1"), std("b2")] },
    { code: "gold", label: "Gold", standards: [std("g1")] },
    { code: "platinum", label: "Platinum", standards: [std("p1")] },
  ],
};
const met = (evidence = true): QmAnswer => ({
  self: "met",
  commentary: "",
  evidence: evidence ? [{ kind: "link", url: "https://example.test/e" }] : [],
});

describe("levelSupport", () => {
  it("counts the standards of the level and every level below", () => {
    expect(standardsFor(framework, "silver").map((s) => s.id)).toEqual(["b1", "b2", "s1"]);
  });

  it("lists unanswered standards and supports nothing when nothing is answered", () => {
    const r = levelSupport(framework, "silver", {});
    expect(r).toEqual({
      unanswered: ["b1", "b2", "s1"],
      lackingEvidence: [],
      supportedLevel: null,
      ready: false,
    });
  });

  it("names a claim without evidence, met or partly", () => {
    const r = levelSupport(framework, "silver", {
      b1: met(false),
      b2: { self: "partly", commentary: "", evidence: [] },
      s1: { self: "not_yet", commentary: "", evidence: [] },
    });
    expect(r.lackingEvidence).toEqual(["b1", "b2"]);
    expect(r.unanswered).toEqual([]);
    expect(r.supportedLevel).toBeNull();
  });

  it("supports the highest level met throughout, possibly lower than applied for", () => {
    const r = levelSupport(framework, "gold", {
      b1: met(),
      b2: met(),
      s1: met(),
      g1: { self: "partly", commentary: "Two of three classes", evidence: [{ kind: "plan" }] },
    });
    expect(r.supportedLevel).toBe("silver");
    expect(r.ready).toBe(true);
  });

  it("supports the applied level when all is met with evidence", () => {
    const r = levelSupport(framework, "gold", { b1: met(), b2: met(), s1: met(), g1: met() });
    expect(r.supportedLevel).toBe("gold");
  });

  it("a gap at a lower level stops the higher levels", () => {
    const r = levelSupport(framework, "gold", { b1: met(), b2: met(false), s1: met(), g1: met() });
    expect(r.supportedLevel).toBeNull();
  });

  it("ignores answers to standards of higher levels", () => {
    const r = levelSupport(framework, "bronze", { b1: met(), b2: met(), p1: met(false) });
    expect(r).toEqual({ unanswered: [], lackingEvidence: [], supportedLevel: "bronze", ready: true });
  });
});

describe("expiry", () => {
  it("takes the years from the framework, three when it names none", () => {
    expect(validityYearsOf(undefined)).toBe(3);
    expect(validityYearsOf({ levels: [] })).toBe(3);
    expect(validityYearsOf({ levels: [], validityYears: 5 })).toBe(5);
    expect(validUntil("2025-03-14", validityYearsOf({ levels: [], validityYears: 1 }))).toBe("2025-08-31");
  });
  it("an award lasts three academic years by default, counting its own", () => {
    expect(awardYearOf("2025-03-14")).toBe("2024/25");
    expect(validUntil("2025-03-14")).toBe("2027-08-31");
    expect(validUntil("2025-09-01")).toBe("2028-08-31");
    expect(validUntil("2025-08-31", 1)).toBe("2025-08-31");
    expect(() => validUntil("2025-08-31", 0)).toThrow(RangeError);
  });

  it("is current, then about to expire in the last 90 days, then expired", () => {
    const a = { awardedOn: "2025-03-14", validUntil: "2027-08-31" };
    expect(awardStatusOn(a, "2025-03-13")).toBe("not_yet_valid");
    expect(awardStatusOn(a, "2025-03-14")).toBe("current");
    expect(awardStatusOn(a, "2027-06-02")).toBe("current");
    expect(awardStatusOn(a, "2027-06-03")).toBe("expiring");
    expect(awardStatusOn(a, "2027-08-31")).toBe("expiring");
    expect(awardStatusOn(a, "2027-09-01")).toBe("expired");
    expect(awardStatusOn(a, "2027-08-01", 7)).toBe("current");
    expect(isCurrentOn(a, "2027-08-31")).toBe(true);
    expect(isCurrentOn(a, "2027-09-01")).toBe(false);
    expect(isCurrentOn(a, "2024-01-01")).toBe(false);
  });

  it("a share of an empty cohort is 0", () => {
    expect(shareOf(0, 0)).toBe(0);
    expect(shareOf(3, 12)).toBe(0.25);
  });
});
