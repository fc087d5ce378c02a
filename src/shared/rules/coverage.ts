/** One open school of the hub, and whether it counts as visited (in the year, ever). */
export type CoverageSchool = {
  urn: number;
  name: string;
  area: string | null;
  phase: string;
  visitedInYear: boolean;
  visitedEver: boolean;
};

export type CoverageFigures = {
  schools: number;
  visited: number;
  /** visited / schools, 0..1 rounded to 3 places; 0 when the hub has no open schools. */
  share: number;
  byArea: { area: string; schools: number; visited: number }[];
  byPhase: { phase: string; schools: number; visited: number }[];
  neverVisited: { urn: number; name: string }[];
};

export const NO_AREA = "No area";

const group = (list: readonly CoverageSchool[], key: (s: CoverageSchool) => string) => {
  const out = new Map<string, { schools: number; visited: number }>();
  for (const s of list) {
    const k = key(s);
    const g = out.get(k) ?? { schools: 0, visited: 0 };
    g.schools++;
    if (s.visitedInYear) g.visited++;
    out.set(k, g);
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b));
};

/**
 * The coverage figures of a year: how many of the hub's open schools were visited (a visit in
 * the year with an approved report), by area and phase, and which were never visited at all.
 */
export const coverageFigures = (list: readonly CoverageSchool[]): CoverageFigures => {
  const visited = list.filter((s) => s.visitedInYear).length;
  return {
    schools: list.length,
    visited,
    share: list.length ? Math.round((visited / list.length) * 1000) / 1000 : 0,
    byArea: group(list, (s) => s.area ?? NO_AREA).map(([area, g]) => ({ area, ...g })),
    byPhase: group(list, (s) => s.phase).map(([phase, g]) => ({ phase, ...g })),
    neverVisited: list
      .filter((s) => !s.visitedEver)
      .map((s) => ({ urn: s.urn, name: s.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.urn - b.urn),
  };
};

/** The first and last day ("YYYY-MM-DD") of an academic year "2025/26": 1 September – 31 August. */
export const academicYearDates = (year: string): { from: string; to: string } => {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
};

/** A school as the extra figures need it: its link officer, two-year visit and overdue steps. */
export type CoverageSchoolMore = CoverageSchool & {
  linkOfficerId: string | null;
  linkOfficerName: string | null;
  /** An approved visit in this academic year or the one before. */
  visitedInTwoYears: boolean;
  overdueSteps: number;
};

export const NO_LINK_OFFICER = "No link officer";
/** The schools with overdue follow-ups listed (most overdue first); `overdueSchools` counts them all. */
export const OVERDUE_LISTED = 200;

const shareOf = (n: number, of: number): number => (of ? Math.round((n / of) * 1000) / 1000 : 0);

/** By link officer (sorted by name, "No link officer" last), two-year coverage and overdue follow-ups. */
export const coverageMore = (list: readonly CoverageSchoolMore[]) => {
  const byOfficer = new Map<string | null, { name: string; schools: number; visited: number }>();
  for (const s of list) {
    const g = byOfficer.get(s.linkOfficerId) ?? {
      name: s.linkOfficerId ? (s.linkOfficerName ?? "Unnamed") : NO_LINK_OFFICER,
      schools: 0,
      visited: 0,
    };
    g.schools++;
    if (s.visitedInYear) g.visited++;
    byOfficer.set(s.linkOfficerId, g);
  }
  const twoYearVisited = list.filter((s) => s.visitedInTwoYears).length;
  const overdue = list
    .filter((s) => s.overdueSteps > 0)
    .map((s) => ({ urn: s.urn, name: s.name, overdue: s.overdueSteps }))
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name));
  return {
    byLinkOfficer: [...byOfficer.entries()]
      .map(([linkOfficerId, g]) => ({ linkOfficerId, ...g }))
      .sort(
        (a, b) =>
          Number(a.linkOfficerId === null) - Number(b.linkOfficerId === null) || a.name.localeCompare(b.name),
      ),
    twoYearVisited,
    twoYearShare: shareOf(twoYearVisited, list.length),
    overdueSchools: overdue.length,
    overdueFollowUps: overdue.slice(0, OVERDUE_LISTED),
  };
};
