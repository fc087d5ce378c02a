import { describe, expect, it } from "vitest";
import { type PhaseSchoolVisits, phaseCoverageFigures } from "./phase-coverage";

const school = (urn: number, over: Partial<PhaseSchoolVisits> = {}): PhaseSchoolVisits => ({
  urn,
  name: `School ${urn}`,
  area: "North",
  linkOfficer: "Ada Officer",
  visitedOn: null,
  nextVisit: null,
  ...over,
});

describe("phaseCoverageFigures", () => {
  it("counts the phase's schools visited, the share, and groups with the unassigned last", () => {
    const f = phaseCoverageFigures([
      school(1, { visitedOn: "2025-10-01" }),
      school(2, { area: null, linkOfficer: null }),
      school(3, { area: "South", visitedOn: "2026-01-15" }),
    ]);
    expect(f).toMatchObject({ schools: 3, visited: 2, share: 0.667 });
    expect(f.byArea).toEqual([
      { area: "North", schools: 1, visited: 1 },
      { area: "South", schools: 1, visited: 1 },
      { area: "No area", schools: 1, visited: 0 },
    ]);
    expect(f.byLinkOfficer).toEqual([
      { linkOfficer: "Ada Officer", schools: 2, visited: 2 },
      { linkOfficer: "No link officer", schools: 1, visited: 0 },
    ]);
  });

  it("lists the schools not yet visited first, then by name", () => {
    const f = phaseCoverageFigures([
      school(1, { name: "Beech", visitedOn: "2025-10-01" }),
      school(2, { name: "Oak" }),
      school(3, { name: "Ash", visitedOn: "2025-11-01" }),
      school(4, { name: "Elm", nextVisit: "2026-04-01" }),
    ]);
    expect(f.schoolList.map((s) => s.name)).toEqual(["Elm", "Oak", "Ash", "Beech"]);
    expect(f.schoolList[0]).toMatchObject({ nextVisit: "2026-04-01", visitedOn: null });
  });

  it("answers zeros for a phase with no schools", () => {
    expect(phaseCoverageFigures([])).toEqual({
      schools: 0,
      visited: 0,
      share: 0,
      byArea: [],
      byLinkOfficer: [],
      schoolList: [],
    });
  });
});
