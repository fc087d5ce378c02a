import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  areas,
  engagementPhases as P,
  engagementPhaseSchools as PS,
  schools,
  users,
  visitReports,
  visits,
} from "../../db/schema/index";

/**
 * The SQL of coverage per programme phase; every query is scoped by the hub. A school of a phase
 * counts as visited during it when a visit that was not cancelled, dated within the phase's dates,
 * has an approved report (the rule of the yearly coverage, over the phase's dates).
 */
export const phaseCoverageRepository = (db: DbOrTx) => ({
  /** Every school of one phase with its latest visit in the phase and its next scheduled one. */
  phaseSchools: async (
    hubId: string,
    phase: { id: string; startsOn: string; endsOn: string },
    today: string,
  ) => {
    const rows = await db.execute<{
      urn: number;
      name: string;
      area: string | null;
      link_officer: string | null;
      visited_on: string | null;
      next_visit: string | null;
    }>(sql`
      select sc.urn, sc.name, a.name as area, u.name as link_officer,
        (select max(v.date)::text from ${visits} v join ${visitReports} r on r.visit_id = v.id
          where v.school_id = sc.id and v.hub_id = ${hubId} and v.status = 'scheduled'
            and r.status = 'approved' and v.date between ${phase.startsOn} and ${phase.endsOn}) as visited_on,
        (select min(v.date)::text from ${visits} v
          where v.school_id = sc.id and v.hub_id = ${hubId} and v.status = 'scheduled'
            and v.date >= ${today} and v.date <= ${phase.endsOn}) as next_visit
      from ${PS} ps
      join ${schools} sc on sc.id = ps.school_id
      left join ${areas} a on a.id = sc.area_id
      left join ${users} u on u.id = sc.link_officer_id
      where ps.hub_id = ${hubId} and ps.phase_id = ${phase.id}`);
    return rows.rows.map((r) => ({
      urn: r.urn,
      name: r.name,
      area: r.area,
      linkOfficer: r.link_officer,
      visitedOn: r.visited_on,
      nextVisit: r.next_visit,
    }));
  },

  /** Each phase of the hub with how many schools it has and how many were visited during it. */
  phasesVisited: async (hubId: string) => {
    const rows = await db.execute<{
      id: string;
      name: string;
      starts_on: string;
      ends_on: string;
      schools: number;
      visited: number;
    }>(sql`
      select p.id, p.name, p.starts_on::text as starts_on, p.ends_on::text as ends_on,
        count(ps.school_id)::int as schools,
        count(ps.school_id) filter (where exists (
          select 1 from ${visits} v join ${visitReports} r on r.visit_id = v.id
          where v.school_id = ps.school_id and v.hub_id = ${hubId} and v.status = 'scheduled'
            and r.status = 'approved' and v.date between p.starts_on and p.ends_on))::int as visited
      from ${P} p
      left join ${PS} ps on ps.phase_id = p.id and ps.hub_id = ${hubId}
      where p.hub_id = ${hubId}
      group by p.id
      order by p.starts_on desc, p.name`);
    return rows.rows;
  },
});
