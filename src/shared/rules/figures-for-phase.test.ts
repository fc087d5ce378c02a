import { describe, expect, it } from "vitest";
import { figureApplies, figuresForPhase, figuresNotForPhase } from "./figures-for-phase";

describe("figures for a phase", () => {
  it("asks a primary school no GCSE, BTEC, A-level or KS3/KS4 minutes", () => {
    const keys = figuresForPhase("primary");
    for (const k of [
      "gcseEntries",
      "btecEntries",
      "alevelEntries",
      "curriculumMinutesKs3",
      "curriculumMinutesKs4",
    ])
      expect(keys).not.toContain(k);
    expect(keys).toContain("wcetPupils");
    expect(keys).toContain("curriculumMinutesKs2");
    expect(keys).toContain("singingPupils");
  });

  it("asks a secondary school no WCET or KS1/KS2 minutes", () => {
    expect(figureApplies("gcseEntries", "secondary")).toBe(true);
    expect(figureApplies("wcetPupils", "secondary")).toBe(false);
    expect(figureApplies("curriculumMinutesKs1", "secondary")).toBe(false);
  });

  it("asks an all-through, special or unknown-phase school everything", () => {
    expect(figuresForPhase("all_through")).toHaveLength(15);
    expect(figuresForPhase("special")).toHaveLength(15);
    expect(figuresForPhase("something new")).toHaveLength(15);
  });

  it("names each figure given that does not apply, and ignores empty ones", () => {
    expect(figuresNotForPhase({ gcseEntries: 4, alevelEntries: null, singingPupils: 30 }, "primary")).toEqual(
      [
        {
          path: "gcseEntries",
          message: "GCSE music entries: this figure does not apply to a primary school",
        },
      ],
    );
    expect(figuresNotForPhase({ wcetPupils: 1 }, "all_through")).toEqual([]);
  });
});
