import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { PanelApplication } from "../../../shared/schemas/lead-school-rounds";
import { leadSchoolApplications, leadSchoolRounds, schools } from "../../db/schema/index";
import type { ServiceContext } from "../../platform/context";
import { requireCan } from "./lead-schools.service";

/**
 * The submitted applications of the rounds that name the caller on their panel, except the
 * caller's own school's: a school user on a panel finds here what to score (hub admins and staff
 * reach every application from the round's page). Drafts are never listed.
 */
export const applicationsToReview = async (ctx: ServiceContext): Promise<PanelApplication[]> => {
  requireCan(ctx, "review");
  const rows = await ctx.db
    .select({
      id: leadSchoolApplications.id,
      roundId: leadSchoolRounds.id,
      roundTitle: leadSchoolRounds.title,
      urn: schools.urn,
      schoolName: schools.name,
      phase: schools.phase,
      status: leadSchoolApplications.status,
      scored: sql<boolean>`exists (select 1 from lead_school_scores s where s.application_id = ${leadSchoolApplications.id} and s.reviewer_id = ${ctx.actor.userId})`,
    })
    .from(leadSchoolApplications)
    .innerJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
    .innerJoin(schools, eq(schools.id, leadSchoolApplications.schoolId))
    .where(
      and(
        eq(leadSchoolApplications.hubId, ctx.actor.hubId),
        ne(leadSchoolApplications.status, "draft"),
        sql`${ctx.actor.userId}::uuid = any(${leadSchoolRounds.panelUserIds})`,
        ctx.actor.schoolId ? ne(leadSchoolApplications.schoolId, ctx.actor.schoolId) : undefined,
      ),
    )
    .orderBy(asc(leadSchoolRounds.closesOn), asc(schools.name), asc(leadSchoolApplications.id))
    .limit(500);
  return rows.flatMap((r) => (r.status === "draft" ? [] : [{ ...r, status: r.status }]));
};
