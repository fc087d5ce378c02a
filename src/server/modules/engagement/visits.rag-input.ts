import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { visitNextSteps, visitReports, visits } from "../../db/schema/index";

/**
 * For a page of schools: the date of the last visit that took place, and how many open next steps
 * of approved reports with a section judged "priority" each has. One statement, two index scans
 * (visits_school_date, visit_next_steps_school_open) for the page's ids only.
 */
export const visitFacts = async (db: DbOrTx, hubId: string, schoolIds: string[], today: string) => {
  if (!schoolIds.length) return [];
  const ids = sql`array[${sql.join(
    schoolIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const res = await db.execute<{ school_id: string; last_visit: string | null; open_priority: number }>(sql`
    select t.sid as school_id,
      (select max(v.date)::text from ${visits} v
        where v.school_id = t.sid and v.hub_id = ${hubId} and v.status = 'scheduled' and v.date <= ${today}) as last_visit,
      (select count(*)::int from ${visitNextSteps} s join ${visitReports} r on r.id = s.report_id
        where s.school_id = t.sid and s.hub_id = ${hubId} and s.status = 'open' and r.status = 'approved'
          and r.judgements @> '[{"judgement":"priority"}]'::jsonb) as open_priority
    from unnest(${ids}) as t(sid)`);
  return res.rows.map((r) => ({
    schoolId: r.school_id,
    lastVisitOn: r.last_visit,
    openPriority: r.open_priority,
  }));
};
