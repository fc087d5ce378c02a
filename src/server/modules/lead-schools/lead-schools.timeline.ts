import { and, eq } from "drizzle-orm";
import { FOCUS_AREA_LABELS, type FocusArea } from "../../../shared/rules/focus-areas";
import { formatUkDate } from "../../../shared/rules/uk-date";
import {
  leadSchoolApplications,
  leadSchoolRounds,
  leadSchools,
  leadSchoolVisits,
  schools,
} from "../../db/schema/index";
import type { ServiceContext } from "../../platform/context";
import type { TimelineEntry, TimelineSource } from "../../platform/timeline";
import { can } from "./lead-schools.policy";

const STATUS_WORDS: Record<string, string> = {
  submitted: "submitted",
  shortlisted: "shortlisted",
  declined: "not chosen",
  appointed: "appointed",
};

/** The school of the actor's hub with this URN, when the actor may see its Lead School entries. */
const schoolFor = async (ctx: ServiceContext, urn: string): Promise<string | undefined> => {
  if (!/^\d{1,9}$/.test(urn)) return undefined;
  const [row] = await ctx.db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.hubId, ctx.actor.hubId), eq(schools.urn, Number(urn))));
  if (!row) return undefined;
  return can(ctx.actor, "see") || ctx.actor.schoolId === row.id ? row.id : undefined;
};

const hub = (ctx: ServiceContext) => can(ctx.actor, "see");

/** Lead School applications, visits and appointments on a school's timeline. */
export const leadSchoolTimelineSources: TimelineSource[] = [
  {
    kind: "lead_school_application",
    load: async (ctx, urn) => {
      const schoolId = await schoolFor(ctx, urn);
      if (!schoolId) return [];
      const rows = await ctx.db
        .select({ app: leadSchoolApplications, title: leadSchoolRounds.title })
        .from(leadSchoolApplications)
        .innerJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
        .where(
          and(
            eq(leadSchoolApplications.hubId, ctx.actor.hubId),
            eq(leadSchoolApplications.schoolId, schoolId),
          ),
        );
      return rows
        .filter((r) => r.app.submittedAt !== null)
        .map((r): TimelineEntry => {
          // A school sees the decision once it has been told.
          const status = hub(ctx) || r.app.toldAt ? r.app.status : "submitted";
          return {
            at: (r.app.submittedAt ?? r.app.updatedAt).toISOString(),
            kind: "lead_school_application",
            title: `Lead School application (${r.title}): ${STATUS_WORDS[status] ?? status}`,
            detail: null,
            href: hub(ctx)
              ? `/lead-schools/applications/${r.app.id}/review`
              : `/lead-schools/applications/${r.app.id}`,
          };
        });
    },
  },
  {
    kind: "lead_school_visit",
    load: async (ctx, urn) => {
      const schoolId = await schoolFor(ctx, urn);
      if (!schoolId) return [];
      const rows = await ctx.db
        .select({ visit: leadSchoolVisits, title: leadSchoolRounds.title })
        .from(leadSchoolVisits)
        .innerJoin(leadSchoolApplications, eq(leadSchoolApplications.id, leadSchoolVisits.applicationId))
        .innerJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
        .where(
          and(eq(leadSchoolVisits.hubId, ctx.actor.hubId), eq(leadSchoolApplications.schoolId, schoolId)),
        );
      return rows.map((r) => ({
        at: r.visit.date,
        kind: "lead_school_visit",
        title: `Lead School visit (${r.title})`,
        detail: null,
        href: hub(ctx) ? `/lead-schools/applications/${r.visit.applicationId}/review` : null,
      }));
    },
  },
  {
    kind: "lead_school",
    load: async (ctx, urn) => {
      const schoolId = await schoolFor(ctx, urn);
      if (!schoolId) return [];
      const rows = await ctx.db
        .select()
        .from(leadSchools)
        .where(and(eq(leadSchools.hubId, ctx.actor.hubId), eq(leadSchools.schoolId, schoolId)));
      return rows
        .filter((l) => hub(ctx) || l.announcedAt !== null)
        .map((l) => ({
          at: l.fromDate,
          kind: "lead_school",
          title: `Lead School from ${formatUkDate(l.fromDate)} to ${formatUkDate(l.toDate)}`,
          detail: (l.focusAreas as FocusArea[]).map((f) => FOCUS_AREA_LABELS[f]).join(", "),
          href: hub(ctx) ? `/lead-schools/${l.id}` : null,
        }));
    },
  },
];
