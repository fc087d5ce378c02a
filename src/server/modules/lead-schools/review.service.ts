import type { z } from "zod";
import { FOCUS_AREA_LABELS, type FocusArea } from "../../../shared/rules/focus-areas";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type {
  Application,
  AppointInput,
  DecisionInput,
  LeadSchool,
  ModerateInput,
  Reviews,
  ScoreInput,
  VisitRecord,
  VisitRecordInput,
} from "../../../shared/schemas/lead-schools";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { scheduleVisit } from "../engagement/visits.service";
import { presentApplication } from "./applications.service";
import { can } from "./lead-schools.policy";
import { leadSchoolsRepository } from "./lead-schools.repository";
import { presentLead, refuseClosed, requireCan, today } from "./lead-schools.service";
import { tellApplication } from "./lead-schools.tell";

type Loaded = NonNullable<Awaited<ReturnType<ReturnType<typeof leadSchoolsRepository>["application"]>>>;

/**
 * An application as a panel member reaches it: hub admins and staff, and school users the round
 * names on its panel. Nobody reviews their own school: a school user of the applying school, or
 * anyone who is one of its contacts (head, music lead, SLT, governor) by e-mail address.
 */
const loadForReview = async (ctx: ServiceContext, id: string, lock = false): Promise<Loaded> => {
  requireCan(ctx, "review");
  const repo = leadSchoolsRepository(ctx.db);
  const row = await repo.application(ctx.actor.hubId, id, lock);
  if (!row) throw notFound("The application");
  const onPanel = can(ctx.actor, "see") || row.round.panelUserIds.includes(ctx.actor.userId);
  if (!onPanel) throw notFound("The application");
  const own = "You cannot review your own school's application";
  if (ctx.actor.schoolId === row.app.schoolId) throw forbidden(own);
  const contacts = await repo.contactEmails(ctx.actor.hubId, row.app.schoolId);
  if (contacts.some((c) => c.email?.trim().toLowerCase() === ctx.actor.email.toLowerCase()))
    throw forbidden(own);
  if (row.app.status === "draft")
    throw new AppError("conflict", "This application has not been submitted yet");
  return row;
};

export const getReviews = async (ctx: ServiceContext, id: string): Promise<z.infer<typeof Reviews>> => {
  const row = await loadForReview(ctx, id);
  const all = await leadSchoolsRepository(ctx.db).scores(id);
  // Reviewers score independently: only the moderators (hub admins) see every reviewer's scores.
  const visible = can(ctx.actor, "manage") ? all : all.filter((s) => s.row.reviewerId === ctx.actor.userId);
  const mean = all.length
    ? Math.round((all.reduce((n, s) => n + s.row.total, 0) / all.length) * 100) / 100
    : null;
  return {
    criteria: row.round.criteria,
    reviews: visible.map((s) => ({
      reviewerId: s.row.reviewerId,
      reviewerName: s.reviewerName,
      scores: s.row.scores,
      total: s.row.total,
    })),
    meanTotal: can(ctx.actor, "manage") ? mean : null,
    moderatedTotal: row.app.moderatedTotal,
    moderationNote: row.app.moderationNote,
  };
};

export const scoreApplication = async (ctx: ServiceContext, id: string, input: z.infer<typeof ScoreInput>) =>
  inTransaction(ctx, async (tx) => {
    const row = await loadForReview(tx, id);
    const criteria = new Map(row.round.criteria.map((c) => [c.id, c]));
    const problems: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    input.scores.forEach((s, i) => {
      const c = criteria.get(s.criterionId);
      if (!c)
        problems.push({ path: `scores.${i}.criterionId`, message: "This is not a criterion of the round" });
      else if (s.score > c.max)
        problems.push({ path: `scores.${i}.score`, message: `Score ${c.label} out of ${c.max}` });
      seen.add(s.criterionId);
    });
    for (const c of criteria.values())
      if (!seen.has(c.id)) problems.push({ path: `scores.${c.id}`, message: `Score ${c.label}` });
    if (problems.length) throw invalid("Check the scores", problems);
    const scores = input.scores.map((s) => ({
      criterionId: s.criterionId,
      score: s.score,
      comment: s.comment,
    }));
    const saved = await leadSchoolsRepository(tx.db).upsertScore({
      hubId: tx.actor.hubId,
      applicationId: id,
      reviewerId: tx.actor.userId,
      scores,
      total: scores.reduce((n, s) => n + s.score, 0),
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "lead_school_score",
      entityId: saved.id,
      after: saved,
    });
    return getReviews(tx, id);
  });

const loadForDecision = async (ctx: ServiceContext, id: string) => {
  requireCan(ctx, "manage");
  return loadForReview(ctx, id, true);
};

export const moderateApplication = async (
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof ModerateInput>,
) =>
  inTransaction(ctx, async (tx) => {
    await loadForDecision(tx, id);
    await leadSchoolsRepository(tx.db).updateApplication(tx.actor.hubId, id, {
      moderatedTotal: input.total,
      moderationNote: input.note,
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "lead_school_application",
      entityId: id,
      after: { moderatedTotal: input.total },
    });
    return getReviews(tx, id);
  });

const decide = async (
  ctx: ServiceContext,
  id: string,
  to: "shortlisted" | "declined",
  input: z.infer<typeof DecisionInput>,
): Promise<Application> =>
  inTransaction(ctx, async (tx) => {
    const row = await loadForDecision(tx, id);
    const from = row.app.status;
    const allowed =
      to === "shortlisted" ? from === "submitted" : from === "submitted" || from === "shortlisted";
    if (!allowed) throw new AppError("conflict", `This application is ${from}: it cannot be ${to} now`);
    const repo = leadSchoolsRepository(tx.db);
    // Declined after shortlisting: the school was told of the shortlist already, it is told again.
    const app = await repo.updateApplication(tx.actor.hubId, id, {
      status: to,
      decisionReason: input.reason,
      feedback: input.feedback || null,
      decidedAt: tx.clock(),
      toldAt: null,
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "lead_school_application",
      entityId: id,
      before: { status: from },
      after: { status: to, reason: input.reason },
    });
    // On or after the "shortlist told" date, the school is told now; before it, the daily job tells it then.
    if (today(tx) >= row.round.shortlistOn)
      await tellApplication(tx.db, tx.mailer, tx.actor.hubId, id, tx.clock());
    return presentApplication(tx, { ...row, app: (await repo.application(tx.actor.hubId, id))?.app ?? app });
  });

export const shortlistApplication = (ctx: ServiceContext, id: string, input: z.infer<typeof DecisionInput>) =>
  decide(ctx, id, "shortlisted", input);
export const declineApplication = (ctx: ServiceContext, id: string, input: z.infer<typeof DecisionInput>) =>
  decide(ctx, id, "declined", input);

const presentVisit = (row: {
  id: string;
  date: string;
  visitId: string | null;
  record: Record<string, unknown>;
}): z.infer<typeof VisitRecord> => {
  const r = row.record as Omit<VisitRecordInput, "date" | "scheduleVisit">;
  return {
    id: row.id,
    date: row.date,
    visitId: row.visitId,
    time: r.time ?? null,
    observations: r.observations ?? {},
    discussions: r.discussions ?? {},
    figures: r.figures ?? {},
  };
};

export const getVisitRecord = async (ctx: ServiceContext, id: string) => {
  requireCan(ctx, "see");
  await loadForReview(ctx, id);
  const row = await leadSchoolsRepository(ctx.db).visitRecord(id);
  if (!row) throw notFound("The visit record");
  return presentVisit(row);
};

/** The half-day visit to a shortlisted school and its record: on or after the round's "visits from" date. */
export const saveVisitRecord = async (ctx: ServiceContext, id: string, input: VisitRecordInput) => {
  requireCan(ctx, "see");
  return inTransaction(ctx, async (tx) => {
    const row = await loadForReview(tx, id, true);
    if (row.app.status !== "shortlisted" && row.app.status !== "appointed")
      throw new AppError("conflict", "Only a shortlisted school is visited");
    if (input.date < row.round.visitsFrom)
      throw invalid(`Visits of this round start on ${formatUkDate(row.round.visitsFrom)}`, [
        { path: "date", message: `Choose ${formatUkDate(row.round.visitsFrom)} or later` },
      ]);
    const repo = leadSchoolsRepository(tx.db);
    const existing = await repo.visitRecord(id);
    let visitId = existing?.visitId ?? null;
    if (input.scheduleVisit && !visitId) {
      const visit = await scheduleVisit(tx, {
        urn: row.school.urn,
        date: input.date,
        time: input.time ?? null,
        durationMinutes: 210,
        purpose: "lead_school",
        recorded: input.date < today(tx),
        notes: `Lead School visit: ${row.round.title}`,
      });
      visitId = visit.id;
    }
    const { scheduleVisit: _s, date, ...record } = input;
    const saved = await repo.upsertVisitRecord({
      hubId: tx.actor.hubId,
      applicationId: id,
      date,
      visitId,
      record,
      recordedBy: tx.actor.userId,
    });
    await recordAudit(tx.db, tx.actor, {
      action: existing ? "update" : "create",
      entity: "lead_school_visit",
      entityId: saved.id,
      after: saved,
    });
    return presentVisit(saved);
  });
};

/** Appoints a shortlisted school for a term with its focus areas; announced on the round's date. */
export const appointApplication = async (
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof AppointInput>,
): Promise<LeadSchool> =>
  inTransaction(ctx, async (tx) => {
    const row = await loadForDecision(tx, id);
    refuseClosed(row.school);
    if (row.app.status !== "shortlisted")
      throw new AppError(
        "conflict",
        `Only a shortlisted school is appointed: this application is ${row.app.status}`,
      );
    const repo = leadSchoolsRepository(tx.db);
    const lead = await repo.insertLead({
      hubId: tx.actor.hubId,
      schoolId: row.app.schoolId,
      applicationId: id,
      focusAreas: [...new Set(input.focusAreas)],
      fromDate: input.from,
      toDate: input.to,
      announceOn: row.round.announceOn,
    });
    await repo.updateApplication(tx.actor.hubId, id, { status: "appointed", decidedAt: tx.clock() });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "lead_school",
      entityId: lead.id,
      after: lead,
    });
    if (today(tx) >= row.round.announceOn)
      await tellApplication(tx.db, tx.mailer, tx.actor.hubId, id, tx.clock());
    const out = await repo.lead(tx.actor.hubId, lead.id);
    if (!out) throw new Error("unreachable");
    return presentLead(out, today(tx));
  });

export const focusList = (codes: readonly string[]) =>
  codes.map((c) => FOCUS_AREA_LABELS[c as FocusArea] ?? c).join(", ");
