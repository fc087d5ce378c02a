import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { schools, visitNextSteps, visitReports } from "../../db/schema/index";
import type { HomeCardProvider } from "../home/home-cards";
import { engagementRepository } from "./engagement.repository";
import { londonDate, PURPOSE_LABELS } from "./visits.calendar";

const HUB = ["hub_admin", "hub_staff"] as const;
const DAY = 86_400_000;

/** Monday and Sunday ("YYYY-MM-DD") of the London week of `today`. */
export const weekOf = (today: string): { from: string; to: string } => {
  const d = new Date(`${today}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * DAY)) };
};

/** The hub's visits this week (cancelled ones aside), earliest first. */
export const visitsThisWeek: HomeCardProvider = {
  kind: "visits-this-week",
  roles: HUB,
  load: async (ctx) => {
    const { from, to } = weekOf(londonDate(ctx.clock()));
    const { items } = await engagementRepository(ctx.db).listVisits(ctx.actor.hubId, {
      from,
      to,
      status: "scheduled",
      page: 1,
      pageSize: 50,
    });
    return {
      kind: "visits-this-week",
      from,
      to,
      visits: items
        .map((v) => ({
          date: v.visit.date,
          time: v.visit.time,
          schoolName: v.schoolName,
          purpose: PURPOSE_LABELS[v.visit.purpose],
          href: `/engagement/visits/${v.visit.id}`,
        }))
        .sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? "").localeCompare(b.time ?? "")),
      href: `/engagement/calendar?month=${from.slice(0, 7)}`,
    };
  },
};

/** Overdue open next steps of approved reports (of one link officer's schools): a count and the oldest few. */
const overdue = async (db: DbOrTx, hubId: string, officerId: string | null, today: string, limit: number) => {
  const res = await db.execute<{
    text: string;
    school_name: string;
    due: string;
    visit_id: string;
    total: number;
  }>(sql`
    select s.text, sc.name as school_name, s.due::text as due, r.visit_id, count(*) over ()::int as total
    from ${visitNextSteps} s
    join ${visitReports} r on r.id = s.report_id
    join ${schools} sc on sc.id = s.school_id
    where s.hub_id = ${hubId} and s.status = 'open' and s.due < ${today} and r.status = 'approved'
      ${officerId ? sql`and sc.link_officer_id = ${officerId}` : sql``}
    order by s.due, sc.name
    limit ${limit}`);
  return { total: res.rows[0]?.total ?? 0, rows: res.rows };
};

/** Overdue next steps of the actor's schools; a hub admin who is nobody's link officer sees the hub's. */
export const overdueNextSteps: HomeCardProvider = {
  kind: "overdue-next-steps",
  roles: HUB,
  load: async (ctx) => {
    const today = londonDate(ctx.clock());
    const hubId = ctx.actor.hubId;
    let mine = true;
    if (ctx.actor.role === "hub_admin") {
      const [own] = await ctx.db
        .select({ id: schools.id })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), eq(schools.linkOfficerId, ctx.actor.userId)))
        .limit(1);
      mine = own !== undefined;
    }
    const found = await overdue(ctx.db, hubId, mine ? ctx.actor.userId : null, today, 6);
    return {
      kind: "overdue-next-steps",
      mine,
      total: found.total,
      steps: found.rows.map((r) => ({
        text: r.text,
        schoolName: r.school_name,
        due: r.due,
        href: `/engagement/visits/${r.visit_id}/report`,
      })),
      href: "/engagement",
    };
  },
};
