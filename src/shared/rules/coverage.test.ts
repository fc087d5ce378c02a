import { describe, expect, it } from "vitest";
import {
  academicYearDates,
  type CoverageSchool,
  type CoverageSchoolMore,
  coverageFigures,
  coverageMore,
} from "./coverage";

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

describe("coverageMore", () => {
  const more = (urn: number, over: Partial<CoverageSchoolMore> = {}): CoverageSchoolMore => ({
    ...school(urn),
    linkOfficerId: null,
    linkOfficerName: null,
    visitedInTwoYears: false,
    overdueSteps: 0,
    ...over,
  });
  it("groups by link officer with the schools without one last, and counts two-year coverage", () => {
    const f = coverageMore([
      more(1, { linkOfficerId: "b", linkOfficerName: "Zoe", visitedInYear: true, visitedInTwoYears: true }),
      more(2, { linkOfficerId: "a", linkOfficerName: "Amir", visitedInTwoYears: true }),
      more(3),
      more(4, { linkOfficerId: "a", linkOfficerName: "Amir" }),
    ]);
    expect(f.byLinkOfficer).toEqual([
      { linkOfficerId: "a", name: "Amir", schools: 2, visited: 0 },
      { linkOfficerId: "b", name: "Zoe", schools: 1, visited: 1 },
      { linkOfficerId: null, name: "No link officer", schools: 1, visited: 0 },
    ]);
    expect(f).toMatchObject({ twoYearVisited: 2, twoYearShare: 0.5 });
  });
  it("lists schools with overdue next steps, most overdue first", () => {
    const f = coverageMore([more(1, { overdueSteps: 1 }), more(2), more(3, { overdueSteps: 3 })]);
    expect(f.overdueSchools).toBe(2);
    expect(f.overdueFollowUps).toEqual([
      { urn: 3, name: "School 3", overdue: 3 },
      { urn: 1, name: "School 1", overdue: 1 },
    ]);
  });
  it("gives a share of 0 for a hub without open schools", () => {
    expect(coverageMore([])).toMatchObject({ twoYearVisited: 0, twoYearShare: 0, byLinkOfficer: [] });
  });
});
