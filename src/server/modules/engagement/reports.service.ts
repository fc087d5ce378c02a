import type { z } from "zod";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { FollowUp, Report, ReportInput, ReportSummary } from "../../../shared/schemas/engagement";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { createPdf } from "../../platform/documents/pdf-document";
import { AppError, forbidden, notFound } from "../../platform/errors";
import { canApproveReports, canManageVisits, canReadReport } from "./engagement.policy";
import { engagementRepository, type NextStepRow, type ReportRow } from "./engagement.repository";
import { londonDate, PURPOSE_LABELS } from "./visits.calendar";

const presentReport = (r: ReportRow, steps: NextStepRow[], approvedBy: string | null): Report => ({
  visitId: r.visitId,
  status: r.status,
  summary: r.summary,
  seen: r.seen,
  judgements: r.judgements.map((j) => ({ section: j.section, judgement: j.judgement, seen: j.seen ?? null })),
  nextSteps: steps.map((s) => ({ id: s.id, text: s.text, owner: s.owner, due: s.due, status: s.status })),
  version: r.version,
  approvedAt: r.approvedAt?.toISOString() ?? null,
  approvedBy,
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * The visit and its report, if the actor may read it. A school user asking for a draft, or for
 * another school's report, gets "not found": they are not told a draft exists.
 */
const readable = async (ctx: ServiceContext, visitId: string) => {
  const repo = engagementRepository(ctx.db);
  const visit = await repo.visit(ctx.actor.hubId, visitId);
  if (!visit) throw notFound("The visit");
  if (!canManageVisits(ctx.actor) && ctx.actor.schoolId !== visit.visit.schoolId) throw notFound("The visit");
  const report = await repo.report(ctx.actor.hubId, visitId);
  if (!report || !canReadReport(ctx.actor, { schoolId: visit.visit.schoolId, status: report.status }))
    throw notFound("The report");
  const steps = await repo.nextSteps(ctx.actor.hubId, report.id);
  const names = await repo.userNames(report.approvedBy ? [report.approvedBy] : []);
  return { visit, report, steps, approvedBy: names[0]?.name ?? null };
};

export const getReport = async (ctx: ServiceContext, visitId: string): Promise<Report> => {
  const r = await readable(ctx, visitId);
  return presentReport(r.report, r.steps, r.approvedBy);
};

const STALE =
  "Someone else saved this report after you opened it. Reload it to see their changes, then make yours again.";

/** Saves the draft over the version it was based on; an older version is refused (409), never merged silently. */
export const saveReport = async (
  ctx: ServiceContext,
  visitId: string,
  input: ReportInput,
): Promise<Report> => {
  if (!canManageVisits(ctx.actor)) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = engagementRepository(tx.db);
    const hubId = tx.actor.hubId;
    const visit = await repo.visit(hubId, visitId, true);
    if (!visit) throw notFound("The visit");
    if (visit.visit.status === "cancelled")
      throw new AppError("conflict", "This visit was cancelled: it has no report");
    const values = {
      summary: input.summary,
      seen: input.seen ?? null,
      judgements: (input.judgements ?? []).map((j) => ({
        section: j.section,
        judgement: j.judgement,
        seen: j.seen ?? null,
      })),
      updatedBy: tx.actor.userId,
    };
    const existing = await repo.report(hubId, visitId);
    let saved: ReportRow | undefined;
    if (!existing) {
      if (input.version !== 0) throw new AppError("conflict", STALE, { currentVersion: 0 });
      saved = await repo.insertReport({ hubId, visitId, ...values });
    } else {
      if (existing.status === "approved")
        throw new AppError(
          "conflict",
          "This report has been approved and shared: it can no longer be changed",
        );
      saved = await repo.updateReport(hubId, existing.id, input.version, values);
    }
    if (!saved) {
      const now = await repo.report(hubId, visitId);
      throw new AppError("conflict", STALE, { currentVersion: now?.version ?? 0 });
    }
    await repo.replaceNextSteps(
      hubId,
      saved.id,
      input.nextSteps.map((s, i) => ({
        hubId,
        reportId: saved.id,
        schoolId: visit.visit.schoolId,
        position: i,
        text: s.text,
        owner: s.owner,
        due: s.due,
        status: s.status ?? "open",
      })),
    );
    await recordAudit(tx.db, tx.actor, {
      action: existing ? "update" : "create",
      entity: "visit_report",
      entityId: saved.id,
      before: existing ? { summary: existing.summary, version: existing.version } : null,
      after: { visitId, summary: saved.summary, version: saved.version, nextSteps: input.nextSteps.length },
    });
    return presentReport(saved, await repo.nextSteps(hubId, saved.id), null);
  });
};

/** A hub admin approves the draft: from then on it is shared with the school's users. */
export const approveReport = async (ctx: ServiceContext, visitId: string): Promise<Report> => {
  if (!canApproveReports(ctx.actor)) throw forbidden("Only a hub admin can approve a report");
  return inTransaction(ctx, async (tx) => {
    const repo = engagementRepository(tx.db);
    const hubId = tx.actor.hubId;
    const visit = await repo.visit(hubId, visitId, true);
    if (!visit) throw notFound("The visit");
    const report = await repo.report(hubId, visitId);
    if (!report) throw new AppError("conflict", "This visit has no report to approve yet");
    if (report.status === "approved") throw new AppError("conflict", "This report is approved already");
    if (!report.summary.trim())
      throw new AppError("invalid", "Write a summary for the school before approving the report", {
        fields: [{ path: "summary", message: "Write a summary for the school" }],
      });
    const approved = await repo.updateReport(hubId, report.id, report.version, {
      status: "approved",
      approvedBy: tx.actor.userId,
      approvedAt: tx.clock(),
    });
    if (!approved) throw new AppError("conflict", STALE);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "visit_report",
      entityId: report.id,
      before: { status: "draft" },
      after: { status: "approved", approvedBy: tx.actor.userId },
    });
    return presentReport(approved, await repo.nextSteps(hubId, report.id), tx.actor.name);
  });
};

const OWNER = { school: "School", hub: "Hub" } as const;
const JUDGEMENT = { strength: "Strength", developing: "Developing", priority: "Priority" } as const;

/** The report as a PDF with the hub's name in the header of every page. */
export const reportPdf = async (
  ctx: ServiceContext,
  visitId: string,
): Promise<{ name: string; body: Buffer }> => {
  const { visit, report, steps } = await readable(ctx, visitId);
  const hub = await engagementRepository(ctx.db).hub(ctx.actor.hubId);
  const pdf = await createPdf({
    hub: { name: hub?.name ?? ctx.actor.hubName, colour: hub?.colour ?? "#1f4e79" },
    title: `Visit report: ${visit.schoolName}`,
    date: ctx.clock(),
  });
  pdf
    .fields([
      ["School", `${visit.schoolName} (URN ${visit.urn})`],
      ["Visit", `${formatUkDate(visit.visit.date)}, ${PURPOSE_LABELS[visit.visit.purpose]}`],
      ["Status", report.status === "approved" ? "Approved" : "Draft: not yet approved"],
    ])
    .heading("Summary")
    .paragraph(report.summary || "—");
  if (report.seen) pdf.heading("What we saw").paragraph(report.seen);
  if (report.judgements.length)
    pdf.heading("Judgements").table({
      columns: [{ header: "Area", weight: 2 }, { header: "Judgement" }, { header: "What we saw", weight: 3 }],
      rows: report.judgements.map((j) => [j.section, JUDGEMENT[j.judgement], j.seen ?? ""]),
    });
  pdf.heading("Next steps").table({
    columns: [
      { header: "Next step", weight: 4 },
      { header: "Owner" },
      { header: "Due" },
      { header: "Status" },
    ],
    rows: steps.map((s) => [s.text, OWNER[s.owner], s.due ? formatUkDate(s.due) : "", s.status]),
    empty: "No next steps were agreed.",
  });
  const stamp = visit.visit.date;
  return { name: `visit-report-${visit.urn}-${stamp}.pdf`, body: await pdf.toBuffer() };
};

/**
 * Open next steps of approved reports, soonest due first, overdue ones flagged; `mine` keeps
 * those of the schools the actor is link officer for.
 */
export const listFollowUps = async (
  ctx: ServiceContext,
  mine: boolean,
): Promise<z.infer<typeof FollowUp>[]> => {
  if (!canManageVisits(ctx.actor)) throw forbidden();
  const today = londonDate(ctx.clock());
  const rows = await engagementRepository(ctx.db).openNextSteps(
    ctx.actor.hubId,
    mine ? ctx.actor.userId : null,
  );
  return rows.map((r) => ({
    id: r.step.id,
    visitId: r.visitId,
    urn: r.urn,
    schoolName: r.schoolName,
    text: r.step.text,
    owner: r.step.owner,
    due: r.step.due,
    overdue: r.step.due !== null && r.step.due < today,
  }));
};

/** Reports to read: a school user gets its own school's shared ones only; hub users every report. */
export const listReports = async (ctx: ServiceContext): Promise<ReportSummary[]> => {
  const hubUser = canManageVisits(ctx.actor);
  if (!hubUser && ctx.actor.schoolId === null) throw forbidden();
  const rows = await engagementRepository(ctx.db).reports(
    ctx.actor.hubId,
    hubUser ? null : ctx.actor.schoolId,
  );
  return rows.map((r) => ({ ...r, approvedAt: r.approvedAt?.toISOString() ?? null }));
};
