import { NO_AREA, NO_LINK_OFFICER } from "./coverage";

/** One school of a programme phase as the phase's coverage needs it. */
export type PhaseSchoolVisits = {
  urn: number;
  name: string;
  area: string | null;
  linkOfficer: string | null;
  /** The latest visit dated within the phase with an approved report ("YYYY-MM-DD"), or null. */
  visitedOn: string | null;
  nextVisit: string | null;
};

const share = (n: number, of: number): number => (of ? Math.round((n / of) * 1000) / 1000 : 0);

const grouped = (list: readonly PhaseSchoolVisits[], key: (s: PhaseSchoolVisits) => string, last: string) => {
  const out = new Map<string, { schools: number; visited: number }>();
  for (const s of list) {
    const g = out.get(key(s)) ?? { schools: 0, visited: 0 };
    g.schools++;
    if (s.visitedOn) g.visited++;
    out.set(key(s), g);
  }
  return [...out.entries()].sort(([a], [b]) => Number(a === last) - Number(b === last) || a.localeCompare(b));
};

/**
 * The coverage of one programme phase: how many of its schools were visited during it, the share,
 * by area and link officer ("No area" / "No link officer" last), and every school, those not yet
 * visited first (then by name), so the link officers see whom to visit.
 */
export const phaseCoverageFigures = (list: readonly PhaseSchoolVisits[]) => {
  const visited = list.filter((s) => s.visitedOn !== null).length;
  return {
    schools: list.length,
    visited,
    share: share(visited, list.length),
    byArea: grouped(list, (s) => s.area ?? NO_AREA, NO_AREA).map(([area, g]) => ({ area, ...g })),
    byLinkOfficer: grouped(list, (s) => s.linkOfficer ?? NO_LINK_OFFICER, NO_LINK_OFFICER).map(
      ([linkOfficer, g]) => ({ linkOfficer, ...g }),
    ),
    schoolList: [...list]
      .sort(
        (a, b) =>
          Number(a.visitedOn !== null) - Number(b.visitedOn !== null) ||
          a.name.localeCompare(b.name) ||
          a.urn - b.urn,
      )
      .map((s) => ({
        ...s,
        area: s.area ?? NO_AREA,
        linkOfficer: s.linkOfficer ?? NO_LINK_OFFICER,
      })),
  };
};

/** A phase's share of schools visited (0 when it has none), as the overview lists it. */
export const phaseShare = share;
