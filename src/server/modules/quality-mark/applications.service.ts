import type { Readable } from "node:stream";
import { levelSupport, QM_LEVEL_LABELS, standardsFor } from "../../../shared/rules/quality-mark";
import type { Paged } from "../../../shared/schemas/common";
import type {
  QmAnswerInput,
  QmApplication,
  QmApplicationQuery,
  QmApplicationSummary,
} from "../../../shared/schemas/quality-mark";
import { hasSqlState } from "../../db/availability";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { requireContent, sniffContent } from "../../platform/storage";
import { phaseOf } from "../schools/schools.presenter";
import { currentYear, frameworkFor } from "./framework.service";
import { mailSchool } from "./quality-mark.mail";
import { allows, canSeeSchoolRecord } from "./quality-mark.policy";
import { type ApplicationRow, qmRepository } from "./quality-mark.repository";

/** The largest evidence file taken. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
const OPEN = ["draft", "submitted", "queried", "assessed"] as const;
const EDITABLE: ApplicationRow["status"][] = ["draft", "queried"];
const IN_PROGRESS = "Your school already has an application in progress: continue that one";

/** PostgreSQL's unique_violation, however the driver wrapped it. */
const isUniqueViolation = (err: unknown): boolean => hasSqlState(err, "23505");

/** An application the actor may see (a school user: only its own school's), else 404. */
export const loadApplication = async (
  ctx: ServiceContext,
  id: string,
  lock = false,
): Promise<ApplicationRow> => {
  const app = await qmRepository(ctx.db).application(ctx.actor.hubId, id, lock);
  if (!app || !canSeeSchoolRecord(ctx.actor, "readApplications", app.schoolId))
    throw notFound("The application");
  return app;
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const presentApplication = async (
  ctx: ServiceContext,
  app: ApplicationRow,
): Promise<QmApplication> => {
  const repo = qmRepository(ctx.db);
  const [school, framework, files, visit, awardId, hasMusicPlan, assessorName] = await Promise.all([
    repo.school(ctx.actor.hubId, { id: app.schoolId }),
    repo.framework(ctx.actor.hubId, app.frameworkId),
    repo.files(ctx.actor.hubId, app.id),
    repo.visit(ctx.actor.hubId, app.visitId),
    repo.awardOfApplication(ctx.actor.hubId, app.id),
    repo.hasMusicPlan(ctx.actor.hubId, app.schoolId),
    repo.userName(app.assessorId),
  ]);
  if (!school || !framework) throw notFound("The application");
  const definition = framework.definition;
  const levelOf = new Map(definition.levels.flatMap((l) => l.standards.map((s) => [s.id, l.code] as const)));
  return {
    id: app.id,
    urn: school.urn,
    schoolName: school.name,
    phase: phaseOf(school.phase),
    areaName: school.areaName,
    academicYear: app.academicYear,
    level: app.level,
    status: app.status,
    assessorName,
    submittedAt: iso(app.submittedAt),
    updatedAt: app.updatedAt.toISOString(),
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    standards: standardsFor(definition, app.level).map((s) => ({
      ...s,
      level: levelOf.get(s.id) ?? app.level,
    })),
    answers: app.answers,
    // Who reviewed stays with the hub: the school sees the decision and the comment.
    reviews: Object.fromEntries(
      Object.entries(app.reviews).map(([k, r]) => [
        k,
        { ...r, by: allows(ctx.actor, "assess") ? r.by : "", comment: r.comment ?? null },
      ]),
    ),
    files: files.map((f) => ({ id: f.id, standardId: f.standardId, name: f.name, size: f.size })),
    support: levelSupport(definition, app.level, app.answers),
    assessorId: allows(ctx.actor, "assess") ? app.assessorId : null,
    visit: visit ? { id: visit.id, date: visit.date, status: visit.status } : null,
    outcomeLevel: app.outcomeLevel,
    outcomeReasons: app.outcomeReasons,
    awardId,
    hasMusicPlan,
  };
};

/** POST /api/quality-mark/applications (a school user, for its own school): a draft at a level. */
export const startApplication = async (
  ctx: ServiceContext,
  level: ApplicationRow["level"],
): Promise<QmApplication> => {
  if (!allows(ctx.actor, "apply")) throw forbidden();
  const schoolId = ctx.actor.schoolId;
  if (!schoolId) throw forbidden("Your account is not linked to a school");
  return inTransaction(ctx, async (tx) => {
    const repo = qmRepository(tx.db);
    const school = await repo.school(tx.actor.hubId, { id: schoolId });
    if (!school) throw notFound("Your school");
    const { items } = await repo.listApplications(tx.actor.hubId, { page: 1, pageSize: 50 }, schoolId);
    if (items.some((i) => (OPEN as readonly string[]).includes(i.app.status)))
      throw new AppError("conflict", IN_PROGRESS);
    const framework = await frameworkFor(tx, currentYear(tx));
    if (!framework.definition.levels.some((l) => l.code === level))
      throw invalid("This hub's quality mark has no such level", [
        { path: "level", message: "Choose one of the hub's levels" },
      ]);
    const app = await repo
      .insertApplication({
        hubId: tx.actor.hubId,
        schoolId,
        frameworkId: framework.id,
        academicYear: framework.academicYear,
        level,
        createdBy: tx.actor.userId,
      })
      .catch((err: unknown) => {
        // A parallel start won the race (the one-open-application index).
        if (isUniqueViolation(err)) throw new AppError("conflict", IN_PROGRESS);
        throw err;
      });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "qm_application",
      entityId: app.id,
      after: { level, schoolId, frameworkVersion: framework.version },
    });
    return presentApplication(tx, app);
  });
};

export const listApplications = async (
  ctx: ServiceContext,
  q: QmApplicationQuery,
): Promise<Paged<QmApplicationSummary>> => {
  if (!allows(ctx.actor, "readApplications")) throw forbidden();
  const schoolId = allows(ctx.actor, "seeAll") ? null : ctx.actor.schoolId;
  if (!allows(ctx.actor, "seeAll") && !schoolId)
    return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { items, total } = await qmRepository(ctx.db).listApplications(ctx.actor.hubId, q, schoolId);
  return {
    items: items.map((r) => ({
      id: r.app.id,
      urn: r.urn,
      schoolName: r.schoolName,
      phase: phaseOf(r.phase),
      areaName: r.areaName,
      academicYear: r.app.academicYear,
      level: r.app.level,
      status: r.app.status,
      assessorName: r.assessorName,
      submittedAt: iso(r.app.submittedAt),
      updatedAt: r.app.updatedAt.toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
};

export const getApplication = async (ctx: ServiceContext, id: string): Promise<QmApplication> =>
  presentApplication(ctx, await loadApplication(ctx, id));

/** The school's own application, which it may change now (a draft, or one queried back). */
const loadEditable = async (ctx: ServiceContext, id: string): Promise<ApplicationRow> => {
  if (!allows(ctx.actor, "apply")) throw forbidden();
  const app = await loadApplication(ctx, id, true);
  if (!EDITABLE.includes(app.status))
    throw new AppError(
      "conflict",
      "This application has been submitted: it can be changed only when the assessor queries it",
    );
  return app;
};

/**
 * PUT /api/quality-mark/applications/:id/answers: saves answers (a draft may be incomplete).
 * Answers to standards not in the application, files not of this application and the plan
 * when the school has none on record are refused.
 */
export const saveAnswers = async (
  ctx: ServiceContext,
  id: string,
  answers: Record<string, QmAnswerInput>,
): Promise<QmApplication> =>
  inTransaction(ctx, async (tx) => {
    const app = await loadEditable(tx, id);
    const repo = qmRepository(tx.db);
    const framework = await repo.framework(tx.actor.hubId, app.frameworkId);
    if (!framework) throw notFound("The application");
    const known = new Set(standardsFor(framework.definition, app.level).map((s) => s.id));
    const fileIds = new Set((await repo.files(tx.actor.hubId, app.id)).map((f) => f.id));
    const plan = await repo.hasMusicPlan(tx.actor.hubId, app.schoolId);
    const problems: { path: string; message: string }[] = [];
    for (const [sid, a] of Object.entries(answers)) {
      if (!known.has(sid))
        problems.push({ path: `answers.${sid}`, message: "This standard is not part of the application" });
      a.evidence.forEach((e, i) => {
        if (e.kind === "file" && !fileIds.has(e.fileId))
          problems.push({
            path: `answers.${sid}.evidence.${i}`,
            message: "Upload the file with this application first",
          });
        if (e.kind === "plan" && !plan)
          problems.push({
            path: `answers.${sid}.evidence.${i}`,
            message: "The hub has no music development plan on record for your school",
          });
      });
    }
    const first = problems[0];
    if (first) throw invalid(first.message, problems);
    const merged = { ...app.answers };
    for (const [sid, a] of Object.entries(answers))
      merged[sid] = {
        self: a.self,
        commentary: a.commentary,
        evidence: a.evidence,
        queryAnswer: a.queryAnswer ?? null,
      };
    const row = await repo.updateApplication(tx.actor.hubId, id, { answers: merged });
    return presentApplication(tx, row);
  });

/** Reads an upload into memory, refusing more than `max` bytes. */
const readAll = async (body: Readable, max: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > max) throw new AppError("too_large", `The file is larger than ${max / 1024 / 1024} MB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
};

/**
 * POST /api/quality-mark/applications/:id/files?standardId=…: stores an evidence file (a PDF,
 * an image, a Word document or an Excel workbook, by its real content; at most 10 MB) and adds it
 * to the standard's evidence.
 */
export const uploadEvidence = async (
  ctx: ServiceContext,
  id: string,
  standardId: string,
  upload: { filename: string; body: Readable },
): Promise<QmApplication> => {
  const app = await loadEditable(ctx, id);
  const framework = await qmRepository(ctx.db).framework(ctx.actor.hubId, app.frameworkId);
  if (!framework || !standardsFor(framework.definition, app.level).some((s) => s.id === standardId))
    throw invalid("This standard is not part of the application", [
      { path: "standardId", message: "This standard is not part of the application" },
    ]);
  // The upload is cut one byte past the limit, so a file too large is seen here.
  const bytes = await readAll(upload.body, EVIDENCE_MAX_BYTES);
  await requireContent(bytes.subarray(0, 4100), ["pdf", "image", "docx", "xlsx"], "Evidence");
  const { mime } = await sniffContent(bytes.subarray(0, 4100));
  const stored = await ctx.files.put(bytes, { prefix: `quality-mark/${ctx.actor.hubId}` });
  const name = upload.filename.replace(/[\\/]/g, "_").slice(0, 200) || "evidence";
  return inTransaction(ctx, async (tx) => {
    const current = await loadEditable(tx, id);
    const repo = qmRepository(tx.db);
    const file = await repo.insertFile({
      hubId: tx.actor.hubId,
      applicationId: id,
      standardId,
      name,
      contentType: mime,
      size: stored.size,
      storageKey: stored.key,
      createdBy: tx.actor.userId,
    });
    const answer = current.answers[standardId] ?? { self: null, commentary: "", evidence: [] };
    const answers = {
      ...current.answers,
      [standardId]: {
        ...answer,
        evidence: [...answer.evidence, { kind: "file" as const, fileId: file.id, name }],
      },
    };
    const row = await repo.updateApplication(tx.actor.hubId, id, { answers });
    return presentApplication(tx, row);
  });
};

export const downloadEvidence = async (ctx: ServiceContext, id: string, fileId: string) => {
  await loadApplication(ctx, id);
  const f = await qmRepository(ctx.db).file(ctx.actor.hubId, id, fileId);
  if (!f) throw notFound("The file");
  return { name: f.name, contentType: f.contentType, body: ctx.files.stream(f.storageKey) };
};

/**
 * POST /api/quality-mark/applications/:id/submit: a draft, or a queried application answered,
 * goes to the hub. Refused while a standard is unanswered or claimed without evidence, or a
 * query is unanswered.
 */
export const submitApplication = async (ctx: ServiceContext, id: string): Promise<QmApplication> =>
  inTransaction(ctx, async (tx) => {
    const app = await loadEditable(tx, id);
    const repo = qmRepository(tx.db);
    const framework = await repo.framework(tx.actor.hubId, app.frameworkId);
    if (!framework) throw notFound("The application");
    const support = levelSupport(framework.definition, app.level, app.answers);
    const problems = [
      ...support.unanswered.map((s) => ({ path: `answers.${s}`, message: "Answer this standard" })),
      ...support.lackingEvidence.map((s) => ({
        path: `answers.${s}.evidence`,
        message: "Attach evidence for this standard",
      })),
      ...Object.entries(app.reviews)
        .filter(([s, r]) => r.decision === "query" && !app.answers[s]?.queryAnswer?.trim())
        .map(([s]) => ({ path: `answers.${s}.queryAnswer`, message: "Answer the assessor's question" })),
    ];
    const first = problems[0];
    if (first) throw invalid(`${first.message} before submitting`, problems);
    const resubmitted = app.status === "queried";
    // A resubmission asks the assessor to look again at the standards queried.
    const reviews = Object.fromEntries(Object.entries(app.reviews).filter(([, r]) => r.decision !== "query"));
    const row = await repo.updateApplication(tx.actor.hubId, id, {
      status: "submitted",
      submittedAt: tx.clock(),
      reviews,
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "qm_application",
      entityId: id,
      before: { status: app.status },
      after: { status: "submitted" },
    });
    const level = QM_LEVEL_LABELS[app.level];
    await mailSchool(tx, app.schoolId, {
      subject: resubmitted
        ? `Quality mark: your answers have been sent`
        : `Quality mark: your ${level} application has been received`,
      body: resubmitted
        ? `Thank you for answering the assessor's questions. Your ${level} application is back with the assessor.`
        : `Your application for the ${level} quality mark has been submitted. An assessor will review it and may ask questions.`,
    });
    return presentApplication(tx, row);
  });

/** The hub's applications as CSV (filters as the list), through the one formula-safe writer. */
export const exportApplications = async (
  ctx: ServiceContext,
  q: Omit<QmApplicationQuery, "page" | "pageSize">,
) => {
  if (!allows(ctx.actor, "seeAll")) throw forbidden();
  const { items } = await listApplications(ctx, { ...q, page: 1, pageSize: 50_000 });
  return csvDocument(
    ["URN", "School", "Phase", "Area", "Year", "Level", "Status", "Assessor", "Submitted"],
    items.map((a) => [
      a.urn,
      a.schoolName,
      a.phase,
      a.areaName ?? "",
      a.academicYear,
      QM_LEVEL_LABELS[a.level],
      a.status,
      a.assessorName ?? "",
      a.submittedAt?.slice(0, 10) ?? "",
    ]),
  );
};
