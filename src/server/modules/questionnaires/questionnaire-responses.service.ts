import type { Readable } from "node:stream";
import { academicYearOf } from "../../../shared/rules/academic-year";
import { allQuestions, visibleAnswers } from "../../../shared/rules/questionnaire-conditions";
import { validateAnswers } from "../../../shared/rules/questionnaire-validation";
import type {
  Answers,
  AvailableQuestionnaire,
  Definition,
  QuestionnaireResponse,
  ResponseListQuery,
  ResponseSummary,
  StartResponseRequest,
} from "../../../shared/schemas/questionnaires";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { requireContent, sniffContent } from "../../platform/storage";
import { userIdOf } from "./questionnaire-templates.service";
import { canFillFor, canSeeAllResponses, rolesFor } from "./questionnaires.policy";
import { questionnairesRepository, type ResponseWithNames } from "./questionnaires.repository";

/** Files given as answers: at most 10 MB, and only documents, spreadsheets and pictures. */
export const ANSWER_FILE_MAX_BYTES = 10 * 1024 * 1024;

const requireFiller = (ctx: ServiceContext): void => {
  if (!rolesFor("fillResponses").includes(ctx.actor.role)) throw forbidden();
};

const summary = (r: ResponseWithNames): ResponseSummary => ({
  id: r.row.id,
  templateId: r.row.templateId,
  templateTitle: r.templateTitle,
  version: r.version,
  schoolId: r.row.schoolId,
  schoolName: r.schoolName,
  schoolUrn: r.schoolUrn,
  status: r.row.status,
  updatedAt: r.row.updatedAt.toISOString(),
  submittedAt: r.row.submittedAt?.toISOString() ?? null,
});

const present = (r: ResponseWithNames): QuestionnaireResponse => ({
  ...summary(r),
  definition: r.definition,
  answers: r.row.answers,
  errors: r.row.status === "draft" ? validateAnswers(r.definition, r.row.answers, "submit") : {},
});

/** The response, if the actor may see it; another school's (or hub's) is "not found". */
const loadResponse = async (ctx: ServiceContext, id: string): Promise<ResponseWithNames> => {
  requireFiller(ctx);
  const r = await questionnairesRepository(ctx.db).response(ctx.actor.hubId, id);
  if (!r || !canFillFor(ctx.actor, r.row.schoolId)) throw notFound("The response");
  return r;
};

export const listAvailable = async (ctx: ServiceContext): Promise<AvailableQuestionnaire[]> => {
  requireFiller(ctx);
  const rows = await questionnairesRepository(ctx.db).available(ctx.actor.hubId);
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    purpose: t.purpose,
    academicYear: t.academicYear,
    latestVersion: t.latestVersion,
  }));
};

/** Hub users see every school's responses; a school user only their own school's. */
export const listResponses = async (
  ctx: ServiceContext,
  q: ResponseListQuery,
): Promise<ResponseSummary[]> => {
  requireFiller(ctx);
  const own = canSeeAllResponses(ctx.actor) ? q : { ...q, schoolId: ctx.actor.schoolId ?? "" };
  if (own.schoolId === "") return [];
  const rows = await questionnairesRepository(ctx.db).listResponses(ctx.actor.hubId, own);
  return rows.map(summary);
};

export const getResponse = async (ctx: ServiceContext, id: string): Promise<QuestionnaireResponse> =>
  present(await loadResponse(ctx, id));

/** Register figures for the questions that ask for them, from the school's music data for the year. */
const prefill = async (
  ctx: ServiceContext,
  definition: Definition,
  schoolId: string,
  year: string,
): Promise<Answers> => {
  const figures = allQuestions(definition).filter((q) => q.kind === "register_figure" && q.figure);
  if (!figures.length) return {};
  const data = await questionnairesRepository(ctx.db).musicYear(ctx.actor.hubId, schoolId, year);
  const answers: Answers = {};
  for (const q of figures) {
    const v = q.figure && data ? data[q.figure] : null;
    if (typeof v === "number") answers[q.id] = v;
  }
  return answers;
};

/**
 * Starts a school's response to the latest version, or resumes the school's open draft of the
 * same questionnaire (whatever its version: a draft keeps the version it was started on).
 */
export const startResponse = async (
  ctx: ServiceContext,
  req: StartResponseRequest,
): Promise<{ response: QuestionnaireResponse; created: boolean }> => {
  requireFiller(ctx);
  const schoolId = canSeeAllResponses(ctx.actor) ? req.schoolId : (ctx.actor.schoolId ?? undefined);
  if (!schoolId) throw invalid("Choose a school", [{ path: "schoolId", message: "Choose a school" }]);
  if (req.schoolId && req.schoolId !== schoolId) throw notFound("The school");
  return inTransaction(ctx, async (tx) => {
    const repo = questionnairesRepository(tx.db);
    const hubId = tx.actor.hubId;
    const template = await repo.template(hubId, req.templateId, { forUpdate: true });
    if (!template) throw notFound("The questionnaire");
    if (!(await repo.school(hubId, schoolId))) throw notFound("The school");
    const open = await repo.openDraft(hubId, template.id, schoolId);
    if (open) {
      const r = await repo.response(hubId, open.id);
      if (r) return { response: present(r), created: false };
    }
    const version = await repo.version(hubId, template.id, template.latestVersion);
    if (!version) throw new AppError("conflict", "This questionnaire has not been published yet");
    const year = template.academicYear ?? academicYearOf(tx.clock());
    const row = await repo.insertResponse({
      hubId,
      templateId: template.id,
      versionId: version.id,
      schoolId,
      answers: await prefill(tx, version.definition, schoolId, year),
      createdBy: userIdOf(tx),
      updatedBy: userIdOf(tx),
    });
    const r = await repo.response(hubId, row.id);
    if (!r) throw notFound("The response");
    return { response: present(r), created: true };
  });
};

const SUBMITTED = "This response has been submitted and can no longer be changed";

/**
 * Autosave: merges the given answers (null clears one) into the draft. Answers must be for
 * questions of the response's version; a file answer must be one uploaded to this response.
 * Whether answers are complete is not asked here: `errors` in the result says what is left.
 */
export const saveAnswers = async (
  ctx: ServiceContext,
  id: string,
  answers: Answers,
): Promise<QuestionnaireResponse> => {
  const r = await loadResponse(ctx, id);
  if (r.row.status !== "draft") throw new AppError("conflict", SUBMITTED);
  const questions = new Map(allQuestions(r.definition).map((q) => [q.id, q]));
  const repo = questionnairesRepository(ctx.db);
  const fields: { path: string; message: string }[] = [];
  for (const [qid, v] of Object.entries(answers)) {
    const q = questions.get(qid);
    if (!q) fields.push({ path: qid, message: "This questionnaire has no such question" });
    else if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      if (q.kind !== "file" || !(await repo.responseFile(ctx.actor.hubId, id, v.fileId)))
        fields.push({ path: qid, message: "Upload the file with this form" });
    }
  }
  const first = fields[0];
  if (first) throw invalid(first.message, fields);
  const row = await repo.mergeAnswers(ctx.actor.hubId, id, answers, userIdOf(ctx));
  if (!row) throw new AppError("conflict", SUBMITTED);
  return present({ ...r, row });
};

/** Submits a draft when the rule finds nothing wrong; answers to hidden questions are dropped. */
export const submitResponse = async (ctx: ServiceContext, id: string): Promise<QuestionnaireResponse> => {
  await loadResponse(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const repo = questionnairesRepository(tx.db);
    const locked = await repo.lockResponse(tx.actor.hubId, id);
    const r = await repo.response(tx.actor.hubId, id);
    if (!locked || !r) throw notFound("The response");
    if (locked.status !== "draft") throw new AppError("conflict", "This response has already been submitted");
    const errors = validateAnswers(r.definition, locked.answers, "submit");
    const fields = Object.entries(errors).map(([path, message]) => ({ path, message }));
    if (fields.length)
      throw invalid(
        fields.length === 1
          ? "One answer needs attention before you submit"
          : `${fields.length} answers need attention before you submit`,
        fields,
      );
    const at = tx.clock();
    const row = await repo.submitResponse(
      tx.actor.hubId,
      id,
      visibleAnswers(r.definition, locked.answers),
      userIdOf(tx),
      at,
    );
    if (!row) throw new AppError("conflict", "This response has already been submitted");
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "questionnaire_response",
      entityId: id,
      before: { status: "draft" },
      after: {
        status: "submitted",
        templateId: r.row.templateId,
        version: r.version,
        schoolId: r.row.schoolId,
      },
    });
    return present({ ...r, row });
  });
};

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

/** Stores a file as the answer to a file question (its real content decides whether it is taken). */
export const uploadAnswerFile = async (
  ctx: ServiceContext,
  id: string,
  questionId: string,
  upload: { filename: string; body: Readable },
): Promise<QuestionnaireResponse> => {
  const r = await loadResponse(ctx, id);
  if (r.row.status !== "draft") throw new AppError("conflict", SUBMITTED);
  const q = allQuestions(r.definition).find((x) => x.id === questionId);
  if (q?.kind !== "file")
    throw invalid("This question does not take a file", [
      { path: "questionId", message: "This question does not take a file" },
    ]);
  const bytes = await readAll(upload.body, ANSWER_FILE_MAX_BYTES);
  await requireContent(bytes.subarray(0, 4100), ["pdf", "image", "docx", "xlsx"], "The file");
  const { mime } = await sniffContent(bytes.subarray(0, 4100));
  const stored = await ctx.files.put(bytes, { prefix: `questionnaires/${ctx.actor.hubId}` });
  const name = upload.filename.replace(/[\\/]/g, "_").slice(0, 200) || "file";
  return inTransaction(ctx, async (tx) => {
    const repo = questionnairesRepository(tx.db);
    const file = await repo.insertFile(
      {
        hubId: tx.actor.hubId,
        name,
        contentType: mime,
        size: stored.size,
        sha256: stored.sha256,
        createdBy: userIdOf(tx),
      },
      { responseId: id, questionId, storageKey: stored.key },
    );
    const row = await repo.mergeAnswers(
      tx.actor.hubId,
      id,
      { [questionId]: { fileId: file.id, name } },
      userIdOf(tx),
    );
    if (!row) throw new AppError("conflict", SUBMITTED);
    return present({ ...r, row });
  });
};

export const downloadAnswerFile = async (
  ctx: ServiceContext,
  id: string,
  fileId: string,
): Promise<{ name: string; contentType: string; body: Readable }> => {
  await loadResponse(ctx, id);
  const f = await questionnairesRepository(ctx.db).responseFile(ctx.actor.hubId, id, fileId);
  if (!f) throw notFound("The file");
  return { name: f.file.name, contentType: f.file.contentType, body: ctx.files.stream(f.storageKey) };
};
