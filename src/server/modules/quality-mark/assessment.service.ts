import {
  isLowerLevel,
  QM_LEVEL_LABELS,
  standardsFor,
  validityYearsOf,
} from "../../../shared/rules/quality-mark";
import type { QmApplication, QmDecisionInput, QmReviewsInput } from "../../../shared/schemas/quality-mark";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { scheduleVisit } from "../engagement/visits.service";
import { loadApplication, presentApplication } from "./applications.service";
import { createAward } from "./awards.service";
import { mailSchool } from "./quality-mark.mail";
import { allows } from "./quality-mark.policy";
import { type ApplicationRow, qmRepository } from "./quality-mark.repository";

const requireStatus = (app: ApplicationRow, ok: ApplicationRow["status"][], message: string) => {
  if (!ok.includes(app.status)) throw new AppError("conflict", message);
};

/**
 * Refuses an assessor who works at the applying school or at a school of the same trust (the
 * panel records which school a peer assessor works at), and anyone not an active hub member.
 */
const checkAssessor = async (ctx: ServiceContext, app: ApplicationRow, userId: string) => {
  const repo = qmRepository(ctx.db);
  const member = await repo.hubMember(ctx.actor.hubId, userId);
  if (!member)
    throw invalid("Choose an admin or staff member of this hub", [
      { path: "userId", message: "Choose a hub member" },
    ]);
  const panel = await repo.assessor(ctx.actor.hubId, userId);
  if (panel?.schoolId) {
    if (panel.schoolId === app.schoolId)
      throw new AppError("conflict", `${member.name} works at the applying school and cannot assess it`);
    const [home, applicant] = await Promise.all([
      repo.school(ctx.actor.hubId, { id: panel.schoolId }),
      repo.school(ctx.actor.hubId, { id: app.schoolId }),
    ]);
    const trust = applicant?.trust?.trim().toLowerCase();
    if (trust && home?.trust?.trim().toLowerCase() === trust)
      throw new AppError(
        "conflict",
        `${member.name} works in the applying school's trust and cannot assess it`,
      );
  }
  return member;
};

/** POST /api/quality-mark/applications/:id/assessor (hub admins). */
export const assignAssessor = async (
  ctx: ServiceContext,
  id: string,
  userId: string,
): Promise<QmApplication> => {
  if (!allows(ctx.actor, "manageAssessors")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id, true);
    requireStatus(app, ["draft", "submitted", "queried"], "This application has been assessed already");
    await checkAssessor(tx, app, userId);
    const row = await qmRepository(tx.db).updateApplication(tx.actor.hubId, id, { assessorId: userId });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "qm_application",
      entityId: id,
      before: { assessorId: app.assessorId },
      after: { assessorId: userId },
    });
    return presentApplication(tx, row);
  });
};

/**
 * PUT /api/quality-mark/applications/:id/reviews: the assessor accepts, queries or rejects
 * standards (a query or rejection with a comment). A query sends the application back to the
 * school; once every standard is reviewed with none queried it waits for the moderator. The
 * first hub member to review an unassigned application becomes its assessor.
 */
export const reviewApplication = async (
  ctx: ServiceContext,
  id: string,
  input: QmReviewsInput,
): Promise<QmApplication> => {
  if (!allows(ctx.actor, "assess")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id, true);
    requireStatus(app, ["submitted"], "Only a submitted application can be reviewed");
    if (app.assessorId && app.assessorId !== tx.actor.userId)
      throw forbidden("Only the application's assessor reviews it");
    if (!app.assessorId) await checkAssessor(tx, app, tx.actor.userId);
    const repo = qmRepository(tx.db);
    const framework = await repo.framework(tx.actor.hubId, app.frameworkId);
    if (!framework) throw notFound("The application");
    const standards = standardsFor(framework.definition, app.level);
    const known = new Set(standards.map((s) => s.id));
    const problems: { path: string; message: string }[] = [];
    input.reviews.forEach((r, i) => {
      if (!known.has(r.standardId))
        problems.push({
          path: `reviews.${i}.standardId`,
          message: "This standard is not part of the application",
        });
      if (r.decision !== "accept" && !r.comment?.trim())
        problems.push({ path: `reviews.${i}.comment`, message: "Say why: the school reads this comment" });
    });
    const first = problems[0];
    if (first) throw invalid(first.message, problems);
    const at = tx.clock().toISOString();
    const reviews = { ...app.reviews };
    for (const r of input.reviews)
      reviews[r.standardId] = {
        decision: r.decision,
        comment: r.comment?.trim() || null,
        by: tx.actor.userId,
        at,
      };
    const queried = Object.entries(reviews).filter(([, r]) => r.decision === "query");
    const complete = standards.every((s) => reviews[s.id]);
    const status = queried.length ? "queried" : complete ? "assessed" : "submitted";
    const row = await repo.updateApplication(tx.actor.hubId, id, {
      reviews,
      status,
      assessorId: app.assessorId ?? tx.actor.userId,
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "qm_application",
      entityId: id,
      before: { status: app.status },
      after: { status, reviewed: input.reviews.map((r) => `${r.standardId}: ${r.decision}`) },
    });
    const title = new Map(standards.map((s) => [s.id, s.title]));
    if (status === "queried")
      await mailSchool(tx, app.schoolId, {
        subject: "Quality mark: the assessor has a question",
        body: `The assessor of your ${QM_LEVEL_LABELS[app.level]} application asks about:\n\n${queried
          .map(([s, r]) => `- ${title.get(s) ?? s}: ${r.comment ?? ""}`)
          .join("\n")}\n\nAnswer in Tutti and submit the application again.`,
      });
    if (status === "assessed")
      await mailSchool(tx, app.schoolId, {
        subject: "Quality mark: assessment complete",
        body: `The assessment of your ${QM_LEVEL_LABELS[app.level]} application is complete. A moderator will now confirm the outcome.`,
      });
    return presentApplication(tx, row);
  });
};

/** POST /api/quality-mark/applications/:id/visit: an assessment visit, through engagement visits. */
export const scheduleAssessmentVisit = async (
  ctx: ServiceContext,
  id: string,
  input: { date: string; time?: string | null },
): Promise<QmApplication> => {
  if (!allows(ctx.actor, "assess")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id, true);
    requireStatus(
      app,
      ["submitted", "queried", "assessed"],
      "A visit is arranged once the application is submitted",
    );
    const school = await qmRepository(tx.db).school(tx.actor.hubId, { id: app.schoolId });
    if (!school) throw notFound("The application");
    const visit = await scheduleVisit(tx, {
      urn: school.urn,
      date: input.date,
      time: input.time ?? null,
      purpose: "quality_mark",
      attendeeIds: [app.assessorId ?? tx.actor.userId],
      notes: `Quality mark assessment (${QM_LEVEL_LABELS[app.level]})`,
    });
    const row = await qmRepository(tx.db).updateApplication(tx.actor.hubId, id, { visitId: visit.id });
    return presentApplication(tx, row);
  });
};

/**
 * POST /api/quality-mark/applications/:id/decision: the moderator (a hub admin who is not the
 * assessor) confirms the outcome of an assessed application: an award at the level applied for
 * or lower (lower needs the reasons), or "not yet" with feedback. Nothing is awarded without it.
 */
export const decideApplication = async (
  ctx: ServiceContext,
  id: string,
  input: QmDecisionInput,
): Promise<QmApplication> => {
  if (!allows(ctx.actor, "moderate")) throw forbidden("Only a moderator (a hub admin) confirms an outcome");
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id, true);
    requireStatus(app, ["assessed"], "An outcome is confirmed once the assessor has reviewed every standard");
    if (app.assessorId === tx.actor.userId)
      throw forbidden(
        "The assessor cannot moderate their own assessment: another hub admin confirms the outcome",
      );
    const repo = qmRepository(tx.db);
    const reasons = input.reasons?.trim() || null;
    const feedback = input.feedback?.trim() || null;
    let awardId: string | null = null;
    if (input.outcome === "award") {
      const level = input.level ?? app.level;
      if (isLowerLevel(app.level, level))
        throw invalid("An award cannot be above the level applied for", [
          { path: "level", message: "Choose the level applied for or lower" },
        ]);
      if (level !== app.level && !reasons)
        throw invalid("Give the reasons for awarding a lower level", [
          { path: "reasons", message: "Give the reasons" },
        ]);
      const school = await repo.school(tx.actor.hubId, { id: app.schoolId });
      const framework = await repo.framework(tx.actor.hubId, app.frameworkId);
      if (!school || !framework) throw notFound("The application");
      const award = await createAward(tx, {
        school,
        level,
        applicationId: app.id,
        moderatorId: tx.actor.userId,
        // As long as the framework the school applied under says.
        validityYears: validityYearsOf(framework.definition),
      });
      awardId = award.id;
      await repo.updateApplication(tx.actor.hubId, id, {
        status: "awarded",
        outcomeLevel: level,
        outcomeReasons: reasons,
        moderatorId: tx.actor.userId,
        decidedAt: tx.clock(),
      });
      await mailSchool(tx, app.schoolId, {
        subject: `Quality mark: ${school.name} is awarded ${QM_LEVEL_LABELS[level]}`,
        body: `Congratulations: ${school.name} has been awarded the ${QM_LEVEL_LABELS[level]} quality mark.${
          reasons ? `\n\n${reasons}` : ""
        }\n\nThe certificate and the letterhead badge are ready to download in Tutti.`,
      });
    } else {
      if (!feedback)
        throw invalid("Give the school feedback on what to work on", [
          { path: "feedback", message: "Give feedback" },
        ]);
      await repo.updateApplication(tx.actor.hubId, id, {
        status: "not_yet",
        outcomeReasons: feedback,
        moderatorId: tx.actor.userId,
        decidedAt: tx.clock(),
      });
      await mailSchool(tx, app.schoolId, {
        subject: "Quality mark: not yet",
        body: `Your ${QM_LEVEL_LABELS[app.level]} application has not been awarded this time. The moderator's feedback:\n\n${feedback}`,
      });
    }
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "qm_application",
      entityId: id,
      before: { status: app.status },
      after: { outcome: input.outcome, level: input.level ?? app.level, awardId },
    });
    const fresh = await repo.application(tx.actor.hubId, id);
    if (!fresh) throw notFound("The application");
    return presentApplication(tx, fresh);
  });
};
