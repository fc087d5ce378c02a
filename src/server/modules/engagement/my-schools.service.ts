import { sql } from "drizzle-orm";
import type { MySchoolsQuery, MySchoolsResponse, VisitPurpose } from "../../../shared/schemas/engagement";
import type { DbOrTx } from "../../db/client";
import { ragCurrent, schools, visitNextSteps, visitReports, visits } from "../../db/schema/index";
import type { ServiceContext } from "../../platform/context";
import { forbidden } from "../../platform/errors";
import { hubReads } from "../../platform/hub-reads";
import { canManageVisits } from "./engagement.policy";
import { londonDate } from "./visits.calendar";

type Row = {
  urn: number;
  name: string;
  rating: "red" | "amber" | "green" | null;
  last_visit: string | null;
  next_id: string | null;
  next_date: string | null;
  next_purpose: VisitPurpose | null;
  open_steps: number;
  overdue_steps: number;
  total: number;
};

/**
 * One page of a link officer's schools (closed ones aside), each with its rating, last and next
 * visit and open / overdue next steps: one query, each figure an index lookup for the page's rows.
 */
const page = async (db: DbOrTx, hubId: string, officerId: string, today: string, q: MySchoolsQuery) => {
  const res = await db.execute<Row>(sql`
    with mine as (
      select sc.id, sc.urn, sc.name, count(*) over () as total
      from ${schools} sc
      where sc.hub_id = ${hubId} and sc.link_officer_id = ${officerId} and sc.status <> 'closed'
      order by sc.name, sc.urn
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize})
    select m.urn, m.name, m.total::int as total, rc.rating,
      (select max(v.date)::text from ${visits} v
        where v.school_id = m.id and v.status = 'scheduled' and v.date <= ${today}) as last_visit,
      n.id as next_id, n.date::text as next_date, n.purpose as next_purpose,
      coalesce(st.open_steps, 0)::int as open_steps, coalesce(st.overdue_steps, 0)::int as overdue_steps
    from mine m
    left join ${ragCurrent} rc on rc.school_id = m.id
    left join lateral (
      select v.id, v.date, v.purpose from ${visits} v
      where v.school_id = m.id and v.status = 'scheduled' and v.date >= ${today}
      order by v.date, v.time nulls first limit 1) n on true
    left join lateral (
      select count(*) as open_steps, count(*) filter (where s.due < ${today}) as overdue_steps
      from ${visitNextSteps} s join ${visitReports} r on r.id = s.report_id
      where s.school_id = m.id and s.status = 'open' and r.status = 'approved') st on true
    order by m.name, m.urn`);
  return res.rows;
};

/** GET /api/engagement/my-schools: the signed-in link officer's schools (or another officer's). */
export const mySchools = async (ctx: ServiceContext, q: MySchoolsQuery): Promise<MySchoolsResponse> => {
  if (!canManageVisits(ctx.actor)) throw forbidden();
  const officer = q.linkOfficer ?? ctx.actor.userId;
  const today = londonDate(ctx.clock());
  return kept.forActor(ctx, `${officer} ${today} ${q.page} ${q.pageSize}`, async () =>
    present(await page(ctx.db, ctx.actor.hubId, officer, today, q), q),
  );
};

/**
 * Pages kept per hub, officer, page and London day while the hub's schools, visits, next steps
 * and ratings have not changed (platform/hub-reads.ts, decision 030).
 */
const kept = hubReads<MySchoolsResponse>("my-schools", {
  topics: ["schools", "engagement", "rag"],
  max: 1000,
});

const present = (rows: Row[], q: MySchoolsQuery): MySchoolsResponse => {
  return {
    items: rows.map((r) => ({
      urn: r.urn,
      name: r.name,
      rating: r.rating,
      lastVisit: r.last_visit,
      nextVisit:
        r.next_id && r.next_date && r.next_purpose
          ? { id: r.next_id, date: r.next_date, purpose: r.next_purpose }
          : null,
      openSteps: r.open_steps,
      overdueSteps: r.overdue_steps,
    })),
    total: rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
};
