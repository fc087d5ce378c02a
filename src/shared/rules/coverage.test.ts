import { describe, expect, it } from "vitest";
import { academicYearDates, type CoverageSchool, coverageFigures } from "./coverage";

const school = (urn: number, over: Partial<CoverageSchool> = {}): CoverageSchool => ({
  urn,
  name: `School ${urn}`,
  area: "North",
  phase: "primary",
  visitedInYear: false,
  visitedEver: false,
  ...over,
});

describe("coverageFigures", () => {
  it("counts visited schools, the share and groups by area and phase", () => {
    const f = coverageFigures([
      school(1, { visitedInYear: true, visitedEver: true }),
      school(2, { area: "South", visitedEver: true }),
      school(3, { area: null, phase: "secondary", visitedInYear: true, visitedEver: true }),
      school(4, { area: "South", phase: "secondary" }),
    ]);
    expect(f).toMatchObject({ schools: 4, visited: 2, share: 0.5 });
    expect(f.byArea).toEqual([
      { area: "No area", schools: 1, visited: 1 },
      { area: "North", schools: 1, visited: 1 },
      { area: "South", schools: 2, visited: 0 },
    ]);
    expect(f.byPhase).toEqual([
      { phase: "primary", schools: 2, visited: 1 },
      { phase: "secondary", schools: 2, visited: 1 },
    ]);
  });

  it("lists only schools never visited in any year", () => {
    const f = coverageFigures([school(2, { visitedEver: true }), school(4), school(3)]);
    expect(f.neverVisited).toEqual([
      { urn: 3, name: "School 3" },
      { urn: 4, name: "School 4" },
    ]);
  });

  it("gives a share of 0 for a hub without open schools, and rounds to three places", () => {
    expect(coverageFigures([]).share).toBe(0);
    const third = coverageFigures([
      school(1, { visitedInYear: true, visitedEver: true }),
      school(2),
      school(3),
    ]);
    expect(third.share).toBe(0.333);
  });
});

describe("academicYearDates", () => {
  it("runs from 1 September to 31 August", () => {
    expect(academicYearDates("2025/26")).toEqual({ from: "2025-09-01", to: "2026-08-31" });
  });
});
