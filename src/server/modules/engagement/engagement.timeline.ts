import { and, desc, eq } from "drizzle-orm";
import { ragRatings, schools, users, visitReports, visits } from "../../db/schema/index";
import type { ServiceContext } from "../../platform/context";
import type { TimelineSource } from "../../platform/timeline";
import { canManageVisits } from "./engagement.policy";
import { canSeeRatings } from "./rag.policy";
import { PURPOSE_LABELS } from "./visits.calendar";

const RAG_WORDS = { red: "Red", amber: "Amber", green: "Green" } as const;

/** The school of the actor's hub with this URN (the timeline registry found it already). */
const schoolId = async (ctx: ServiceContext, urn: string): Promise<string | null> => {
  const [row] = await ctx.db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.hubId, ctx.actor.hubId), eq(schools.urn, Number(urn))));
  return row?.id ?? null;
};

/** Visits (cancelled ones too): the school's users were invited to them, so they see them. */
const visitsSource: TimelineSource = {
  kind: "visit",
  load: async (ctx, urn) => {
    const id = await schoolId(ctx, urn);
    if (!id) return [];
    const rows = await ctx.db
      .select()
      .from(visits)
      .where(and(eq(visits.hubId, ctx.actor.hubId), eq(visits.schoolId, id)))
      .orderBy(desc(visits.date))
      .limit(500);
    const hub = canManageVisits(ctx.actor);
    return rows.map((v) => ({
      at: v.date,
      kind: "visit",
      title: `${v.status === "cancelled" ? "Cancelled visit" : "Visit"}: ${PURPOSE_LABELS[v.purpose]}`,
      detail: v.status === "cancelled" ? v.changeReason : v.time ? `At ${v.time}` : null,
      href: hub ? `/engagement/visits/${v.id}` : null,
    }));
  },
};

/** Reports: hub users see drafts too; a school user only approved (shared) ones. */
const reportsSource: TimelineSource = {
  kind: "report",
  load: async (ctx, urn) => {
    const id = await schoolId(ctx, urn);
    if (!id) return [];
    const hub = canManageVisits(ctx.actor);
    const rows = await ctx.db
      .select({ visitId: visits.id, date: visits.date, purpose: visits.purpose, report: visitReports })
      .from(visitReports)
      .innerJoin(visits, eq(visits.id, visitReports.visitId))
      .where(
        and(
          eq(visitReports.hubId, ctx.actor.hubId),
          eq(visits.schoolId, id),
          hub ? undefined : eq(visitReports.status, "approved"),
        ),
      )
      .orderBy(desc(visits.date))
      .limit(500);
    return rows.map((r) => ({
      at: r.report.approvedAt ? r.report.approvedAt.toISOString() : r.date,
      kind: "report",
      title:
        r.report.status === "approved"
          ? `Visit report shared (${PURPOSE_LABELS[r.purpose]}, ${r.date})`
          : `Draft visit report (${PURPOSE_LABELS[r.purpose]}, ${r.date})`,
      detail: r.report.summary.length > 200 ? `${r.report.summary.slice(0, 197)}…` : r.report.summary || null,
      href: hub ? `/engagement/visits/${r.visitId}/report` : `/engagement/reports`,
    }));
  },
};

/** RAG ratings: hub users only (a school never sees its rating). */
const ragSource: TimelineSource = {
  kind: "rag",
  load: async (ctx, urn) => {
    if (!canSeeRatings(ctx.actor)) return [];
    const id = await schoolId(ctx, urn);
    if (!id) return [];
    const rows = await ctx.db
      .select({
        rating: ragRatings.rating,
        reason: ragRatings.reason,
        setAt: ragRatings.setAt,
        by: users.name,
      })
      .from(ragRatings)
      .leftJoin(users, eq(users.id, ragRatings.setBy))
      .where(and(eq(ragRatings.hubId, ctx.actor.hubId), eq(ragRatings.schoolId, id)))
      .orderBy(desc(ragRatings.id))
      .limit(500);
    return rows.map((r) => ({
      at: r.setAt.toISOString(),
      kind: "rag",
      title: `Rated ${RAG_WORDS[r.rating]}${r.by ? ` by ${r.by}` : ""}`,
      detail: r.reason,
      href: null,
    }));
  },
};

/** Engagement's entries on the school profile timeline: visits, reports and RAG ratings. */
export const engagementTimelineSources: TimelineSource[] = [visitsSource, reportsSource, ragSource];
