import { describe, expect, it } from "vitest";
import {
  canDecideInterest,
  interestRefusal,
  phaseDatesInOrder,
  phaseState,
  phaseTakesSchools,
} from "./engagement-phases";

describe("phase dates", () => {
  it("accepts an end on or after the start and refuses one before it", () => {
    expect(phaseDatesInOrder("2025-09-01", "2026-07-31")).toBe(true);
    expect(phaseDatesInOrder("2025-09-01", "2025-09-01")).toBe(true);
    expect(phaseDatesInOrder("2026-07-31", "2025-09-01")).toBe(false);
  });

  it("says whether a phase is upcoming, current or past, its end day included", () => {
    const p = { startsOn: "2025-09-01", endsOn: "2026-07-31" };
    expect(phaseState(p, "2025-08-31")).toBe("upcoming");
    expect(phaseState(p, "2025-09-01")).toBe("current");
    expect(phaseState(p, "2026-07-31")).toBe("current");
    expect(phaseState(p, "2026-08-01")).toBe("past");
  });

  it("takes schools into a phase until its last day", () => {
    expect(phaseTakesSchools({ endsOn: "2026-07-31" }, "2026-07-31")).toBe(true);
    expect(phaseTakesSchools({ endsOn: "2026-07-31" }, "2026-08-01")).toBe(false);
  });
});

describe("who may express interest", () => {
  const school = { id: "s1", status: "open" };
  it("lets a school user speak for their own open school", () => {
    expect(interestRefusal({ role: "school_user", schoolId: "s1" }, school)).toBeNull();
  });
  it("refuses hub staff, partners and admins (they invite instead)", () => {
    for (const role of ["hub_admin", "hub_staff", "partner_user"])
      expect(interestRefusal({ role, schoolId: null }, school)).toBe("not_school_user");
  });
  it("refuses a school user of another school, or with none", () => {
    expect(interestRefusal({ role: "school_user", schoolId: "s2" }, school)).toBe("no_school");
    expect(interestRefusal({ role: "school_user", schoolId: null }, null)).toBe("no_school");
  });
  it("refuses a closed school", () => {
    expect(interestRefusal({ role: "school_user", schoolId: "s1" }, { id: "s1", status: "closed" })).toBe(
      "closed",
    );
  });
  it("answers only a pending interest", () => {
    expect(canDecideInterest("pending")).toBe(true);
    expect(canDecideInterest("accepted")).toBe(false);
    expect(canDecideInterest("declined")).toBe(false);
  });
});
