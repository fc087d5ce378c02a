import { describe, expect, it } from "vitest";
import { isPhase, normalisePhase, PHASE_LABELS, PHASES } from "./phase.ts";

const MAINTAINED = "Local authority maintained schools";

describe("PHASES and PHASE_LABELS", () => {
  it("label every phase", () => {
    expect(Object.keys(PHASE_LABELS).sort()).toEqual([...PHASES].sort());
    expect(PHASE_LABELS.middle_primary).toBe("Middle deemed primary");
    expect(PHASE_LABELS.all_through).toBe("All-through");
    expect(PHASE_LABELS.sixteen_plus).toBe("16 plus");
  });

  it("isPhase recognises the normalised names only", () => {
    expect(isPhase("primary")).toBe(true);
    expect(isPhase("Primary")).toBe(false);
    expect(isPhase("")).toBe(false);
  });
});

describe("normalisePhase", () => {
  it.each([
    ["Nursery", "nursery"],
    ["Primary", "primary"],
    ["Middle deemed primary", "middle_primary"],
    ["Secondary", "secondary"],
    ["Middle deemed secondary", "middle_secondary"],
    ["All-through", "all_through"],
    ["All through", "all_through"],
    ["16 plus", "sixteen_plus"],
    ["Not applicable", "not_applicable"],
  ] as const)("maps the GIAS phase %s to %s for a mainstream school", (gias, phase) => {
    expect(normalisePhase(gias, "Community school", MAINTAINED)).toBe(phase);
  });

  it("ignores case, spacing and hyphen/space differences", () => {
    expect(normalisePhase("  PRIMARY ", "Academy converter", "Academies")).toBe("primary");
    expect(normalisePhase("all-Through", "Free schools", "Free Schools")).toBe("all_through");
    expect(normalisePhase("Middle  deemed  secondary", "Foundation school", MAINTAINED)).toBe(
      "middle_secondary",
    );
  });

  it.each([
    "Community special school",
    "Foundation special school",
    "Academy special converter",
    "Academy special sponsor led",
    "Free schools special",
    "Non-maintained special school",
    "Special post 16 institution",
    "Other independent special school",
  ])("recognises %s as special whatever its phase", (type) => {
    expect(normalisePhase("Not applicable", type, "Special schools")).toBe("special");
    expect(normalisePhase("Primary", type, "Academies")).toBe("special");
    expect(normalisePhase("", type, "")).toBe("special");
  });

  it("recognises special from the type group when the type does not say it", () => {
    expect(normalisePhase("Not applicable", "Some new type", "Special schools")).toBe("special");
  });

  it.each([
    "Pupil referral unit",
    "Academy alternative provision converter",
    "Academy alternative provision sponsor led",
    "Free schools alternative provision",
  ])("recognises %s as alternative provision whatever its phase", (type) => {
    expect(normalisePhase("Not applicable", type, MAINTAINED)).toBe("alternative_provision");
    expect(normalisePhase("Secondary", type, "Academies")).toBe("alternative_provision");
  });

  it("maps unknown or empty phases to not_applicable", () => {
    expect(normalisePhase("", "", "")).toBe("not_applicable");
    expect(normalisePhase("Sixth form", "Community school", MAINTAINED)).toBe("not_applicable");
    expect(normalisePhase("Not applicable", "Other independent school", "Independent schools")).toBe(
      "not_applicable",
    );
  });

  it("keeps the phase of an independent school that names one", () => {
    expect(normalisePhase("All-through", "Other independent school", "Independent schools")).toBe(
      "all_through",
    );
  });
});
