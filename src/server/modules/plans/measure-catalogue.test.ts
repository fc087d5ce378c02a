import { describe, expect, it } from "vitest";
import { IMPLEMENTED, measureCatalogue, measureText, OFFERED } from "./measure-catalogue";

describe("the measure catalogue", () => {
  it("offers each measure once, with a plain definition", () => {
    const ids = OFFERED.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of measureCatalogue()) {
      expect(m.definition.length).toBeGreaterThan(30);
      expect(m.label).not.toBe("");
    }
  });

  it("marks an offered measure with no implementation as not available", () => {
    const byId = new Map(measureCatalogue().map((m) => [m.id, m.available]));
    for (const m of IMPLEMENTED) expect(byId.get(m.id)).toBe(true);
    for (const id of [
      "cpd_schools_reached_share",
      "lead_school_focus_coverage",
      "quality_mark_cohort_applied_share",
    ])
      expect(byId.get(id)).toBe(IMPLEMENTED.some((m) => m.id === id));
    expect(byId.get("wcet_year_group_share")).toBe(false);
  });

  it("writes values in words, and never a number for a missing one", () => {
    expect(measureText("share", { value: 0.425, numerator: 17, denominator: 40 })).toBe("42.5% (17 of 40)");
    expect(measureText("share", null)).toBe("not available yet");
    expect(measureText("count", { value: 1234 })).toBe("1,234");
  });
});
