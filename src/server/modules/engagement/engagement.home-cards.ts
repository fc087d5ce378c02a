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

/** Overdue next steps of the actor's schools; a hub admin who is nobody's link officer sees the hub's. */
export const overdueNextSteps: HomeCardProvider = {
  kind: "overdue-next-steps",
  roles: HUB,
  load: async (ctx) => {
    const today = londonDate(ctx.clock());
    const repo = engagementRepository(ctx.db);
    let mine = true;
    let rows = await repo.openNextSteps(ctx.actor.hubId, ctx.actor.userId);
    if (!rows.length && ctx.actor.role === "hub_admin") {
      mine = false;
      rows = await repo.openNextSteps(ctx.actor.hubId, null);
    }
    const overdue = rows.filter((r) => r.step.due !== null && r.step.due < today);
    return {
      kind: "overdue-next-steps",
      mine,
      total: overdue.length,
      steps: overdue.slice(0, 6).map((r) => ({
        text: r.step.text,
        schoolName: r.schoolName,
        due: r.step.due ?? today,
        href: `/engagement/visits/${r.visitId}/report`,
      })),
      href: "/engagement/my-schools",
    };
  },
};
