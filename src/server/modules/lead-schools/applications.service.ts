import type { Readable } from "node:stream";
import type { z } from "zod";
import { FOCUS_AREA_LABELS } from "../../../shared/rules/focus-areas";
import {
  type ApplicationDocument,
  leadSchoolEligibility,
} from "../../../shared/rules/lead-school-eligibility";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Paged } from "../../../shared/schemas/common";
import {
  type Application,
  ApplicationAnswers,
  type ApplicationListQuery,
  type ApplicationSummary,
} from "../../../shared/schemas/lead-schools";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { requireContent, sniffContent } from "../../platform/storage";
import { canReadApplication } from "./lead-schools.policy";
import { leadSchoolsRepository } from "./lead-schools.repository";
import { requireCan, today } from "./lead-schools.service";

/** The largest document an application takes. */
export const APPLICATION_FILE_MAX_BYTES = 10 * 1024 * 1024;

type Loaded = NonNullable<Awaited<ReturnType<ReturnType<typeof leadSchoolsRepository>["application"]>>>;

export const loadApplication = async (ctx: ServiceContext, id: string, lock = false): Promise<Loaded> => {
  const row = await leadSchoolsRepository(ctx.db).application(ctx.actor.hubId, id, lock);
  // Another school's application is "not found" for a school user: its existence is not shown.
  if (!row) throw notFound("The application");
  if (canReadApplication(ctx.actor, row.app)) return row;
  // A school user on the round's panel reads the submitted applications it reviews.
  const panel = ctx.actor.role === "school_user" && row.round.panelUserIds.includes(ctx.actor.userId);
  if (panel && row.app.status !== "draft") return row;
  throw notFound("The application");
};

const answersOf = (row: Loaded) => ApplicationAnswers.parse(row.app.answers);

export const presentApplication = async (ctx: ServiceContext, row: Loaded): Promise<Application> => {
  const files = await leadSchoolsRepository(ctx.db).files(row.app.id);
  const answers = answersOf(row);
  const applicant = ctx.actor.role === "school_user" && ctx.actor.schoolId === row.app.schoolId;
  const told = row.app.toldAt !== null || !applicant;
  return {
    id: row.app.id,
    roundId: row.round.id,
    roundTitle: row.round.title,
    closesOn: row.round.closesOn,
    urn: row.school.urn,
    schoolName: row.school.name,
    phase: row.school.phase,
    area: row.area,
    // A school learns the panel's decision when it is told (the "shortlist told" date).
    status: told || row.app.status === "draft" ? row.app.status : "submitted",
    answers,
    files: files.map((f) => ({ id: f.id, kind: f.kind as ApplicationDocument, name: f.name, size: f.size })),
    eligibility: leadSchoolEligibility({
      school: row.school,
      focusAreas: answers.focusAreas,
      ks4Provision: answers.ks4Provision,
      documents: files.map((f) => f.kind as ApplicationDocument),
    }),
    submittedAt: row.app.submittedAt?.toISOString() ?? null,
    decisionReason: told ? row.app.decisionReason : null,
    feedback: told ? row.app.feedback : null,
  };
};

const lateError = (closesOn: string) =>
  new AppError("conflict", `Applications to this round closed on ${formatUkDate(closesOn)}`, { closesOn });

/**
 * Starts (or returns) the school user's application to a round, with the register's figures
 * already filled in. Refused once the round has closed.
 */
export const startApplication = async (
  ctx: ServiceContext,
  roundId: string,
): Promise<{ created: boolean; application: Application }> => {
  requireCan(ctx, "apply");
  const schoolId = ctx.actor.schoolId;
  if (!schoolId) throw forbidden("Only a school's own users apply for it");
  return inTransaction(ctx, async (tx) => {
    const repo = leadSchoolsRepository(tx.db);
    const round = await repo.round(tx.actor.hubId, roundId);
    if (!round) throw notFound("The round");
    const existing = await repo.applicationOf(roundId, schoolId);
    if (existing)
      return {
        created: false,
        application: await presentApplication(tx, await loadApplication(tx, existing.id)),
      };
    if (today(tx) > round.closesOn) throw lateError(round.closesOn);
    const figures = await repo.latestFigures(schoolId);
    const answers = ApplicationAnswers.parse({
      instrumentPupils: figures?.instrumentPupils ?? null,
      fsmPupilsEngaged: figures?.fsmPupilsEngaged ?? null,
      extraCurricularPupils: figures?.ensemblePupils ?? null,
      ks4Uptake: figures ? (figures.gcseEntries ?? 0) + (figures.btecEntries ?? 0) || null : null,
      ks5Uptake: figures?.alevelEntries ?? null,
      ks4Provision: figures?.curriculumMinutesKs4 ? true : null,
    });
    const app = await repo.insertApplication({
      hubId: tx.actor.hubId,
      roundId,
      schoolId,
      answers,
      createdBy: tx.actor.userId,
    });
    const id = app?.id ?? (await repo.applicationOf(roundId, schoolId))?.id;
    if (!id) throw new Error("unreachable");
    if (app)
      await recordAudit(tx.db, tx.actor, {
        action: "create",
        entity: "lead_school_application",
        entityId: id,
        after: app,
      });
    return {
      created: Boolean(app),
      application: await presentApplication(tx, await loadApplication(tx, id)),
    };
  });
};

const requireOwnDraft = (ctx: ServiceContext, row: Loaded) => {
  requireCan(ctx, "apply");
  if (ctx.actor.schoolId !== row.app.schoolId) throw notFound("The application");
  if (row.app.status !== "draft")
    throw new AppError("conflict", "This application has been submitted: it can no longer change");
  if (today(ctx) > row.round.closesOn) throw lateError(row.round.closesOn);
};

export const saveApplication = async (
  ctx: ServiceContext,
  id: string,
  answers: ApplicationAnswers,
): Promise<Application> =>
  inTransaction(ctx, async (tx) => {
    const row = await loadApplication(tx, id, true);
    requireOwnDraft(tx, row);
    const app = await leadSchoolsRepository(tx.db).updateApplication(tx.actor.hubId, id, {
      answers,
      focusAreas: answers.focusAreas,
    });
    return presentApplication(tx, { ...row, app });
  });

/** Submits once: refused after the closing date (the date is in the message) or while not eligible. */
export const submitApplication = async (ctx: ServiceContext, id: string): Promise<Application> =>
  inTransaction(ctx, async (tx) => {
    const row = await loadApplication(tx, id, true);
    requireOwnDraft(tx, row);
    const current = await presentApplication(tx, row);
    if (!current.eligibility.eligible)
      throw invalid(
        "This application cannot be submitted yet",
        current.eligibility.problems.map((p) => ({ path: p.field, message: p.message })),
      );
    const app = await leadSchoolsRepository(tx.db).updateApplication(tx.actor.hubId, id, {
      status: "submitted",
      submittedAt: tx.clock(),
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "lead_school_application",
      entityId: id,
      before: { status: "draft" },
      after: { status: "submitted" },
    });
    return presentApplication(tx, { ...row, app });
  });

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

/** Stores a document of the application: a PDF or a Word document by its content, within the size limit. */
export const uploadApplicationFile = async (
  ctx: ServiceContext,
  id: string,
  kind: ApplicationDocument,
  upload: { filename: string; body: Readable },
): Promise<Application> => {
  requireOwnDraft(ctx, await loadApplication(ctx, id));
  const bytes = await readAll(upload.body, APPLICATION_FILE_MAX_BYTES);
  await requireContent(bytes.subarray(0, 4100), ["pdf", "docx"], "The document");
  const { mime } = await sniffContent(bytes.subarray(0, 4100));
  const stored = await ctx.files.put(bytes, { prefix: `lead-schools/${ctx.actor.hubId}` });
  const name = upload.filename.replace(/[\\/]/g, "_").slice(0, 200) || "document";
  return inTransaction(ctx, async (tx) => {
    const row = await loadApplication(tx, id, true);
    requireOwnDraft(tx, row);
    await leadSchoolsRepository(tx.db).insertFile(
      {
        hubId: tx.actor.hubId,
        name,
        contentType: mime,
        size: stored.size,
        sha256: stored.sha256,
        createdBy: tx.actor.userId,
      },
      { hubId: tx.actor.hubId, applicationId: id, kind, storageKey: stored.key },
    );
    return presentApplication(tx, row);
  });
};

export const downloadApplicationFile = async (ctx: ServiceContext, id: string, fileId: string) => {
  await loadApplication(ctx, id);
  const f = (await leadSchoolsRepository(ctx.db).files(id)).find((x) => x.id === fileId);
  if (!f) throw notFound("The file");
  return { name: f.name, contentType: f.contentType, body: ctx.files.stream(f.storageKey) };
};

export const getApplication = async (ctx: ServiceContext, id: string) =>
  presentApplication(ctx, await loadApplication(ctx, id));

/** Hub users: the hub's applications (drafts included); a school user: its own school's only. */
export const listApplications = async (
  ctx: ServiceContext,
  q: z.infer<typeof ApplicationListQuery>,
): Promise<Paged<z.infer<typeof ApplicationSummary>>> => {
  requireCan(ctx, "readApplication");
  const hubUser = ["hub_admin", "hub_staff"].includes(ctx.actor.role);
  if (!hubUser && !ctx.actor.schoolId) throw forbidden();
  const { items, total } = await leadSchoolsRepository(ctx.db).listApplications(ctx.actor.hubId, {
    ...q,
    schoolId: hubUser ? undefined : (ctx.actor.schoolId ?? undefined),
  });
  return {
    items: items.map((r) => {
      const told = hubUser || r.app.toldAt !== null || r.app.status === "draft";
      return {
        id: r.app.id,
        roundId: r.app.roundId,
        urn: r.urn,
        schoolName: r.schoolName,
        phase: r.phase,
        area: r.area,
        status: told ? r.app.status : "submitted",
        submittedAt: r.app.submittedAt?.toISOString() ?? null,
        focusAreas: ApplicationAnswers.parse(r.app.answers).focusAreas,
        // Scores are the panel's: never shown to a school.
        reviews: hubUser ? r.reviews : 0,
        meanTotal: hubUser ? r.meanTotal : null,
        moderatedTotal: hubUser ? r.app.moderatedTotal : null,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
};

/** The applications (hub users only), as CSV through the one formula-safe writer. */
export const exportApplications = async (
  ctx: ServiceContext,
  q: Omit<z.infer<typeof ApplicationListQuery>, "page" | "pageSize">,
): Promise<string> => {
  requireCan(ctx, "see");
  const page = await listApplications(ctx, { ...q, page: 1, pageSize: 50_000 });
  return csvDocument(
    [
      "URN",
      "School",
      "Phase",
      "Area",
      "Status",
      "Submitted",
      "Focus areas (codes)",
      "Focus areas",
      "Reviews",
      "Mean total",
      "Moderated total",
    ],
    page.items.map((a) => [
      a.urn,
      a.schoolName,
      a.phase,
      a.area ?? "",
      a.status,
      a.submittedAt ?? "",
      a.focusAreas.join(";"),
      a.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join("; "),
      a.reviews,
      a.meanTotal ?? "",
      a.moderatedTotal ?? "",
    ]),
  );
};
