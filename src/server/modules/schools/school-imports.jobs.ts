import type { z } from "zod";
import type { ImportJob, ImportSource as ImportSourceSchema } from "../../../shared/schemas/schools";
import { type Actor, isHubUser, SYSTEM_USER_ID } from "../../platform/actor";
import { contextFor, inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden } from "../../platform/errors";
import { enqueue, type JobRegistry, type TaskContext } from "../../platform/jobs";
import { authRepository } from "../auth/auth.repository";
import { hubsRepository } from "../hubs/hubs.repository";
import { OWNER } from "./job-liveness";
import { schoolImportsRepository } from "./school-imports.repository";
import { importGias, importMusicData } from "./school-imports.service";

/**
 * Imports as background jobs: the upload is kept in the file store, a `jobs` row (the same
 * progress row an inline import writes) is written `queued` with a `schools:import` job in one
 * transaction, and a worker imports it. The browser may close: the web polls the row.
 */
export const IMPORT_TASK = "schools:import";

type ImportSource = z.infer<typeof ImportSourceSchema>;

type ImportPayload = {
  hubId: string;
  jobId: string;
  userId: string;
  fileKey: string;
  source: ImportSource;
  laCodes: string[];
};

const KIND: Record<ImportSource, string> = { gias: "gias-import", "music-data": "music-data-import" };

/**
 * Whether a background import must run in the request instead: a GIAS extract for a hub that
 * covers no LAs yet is read to offer its LAs (a 400 the person answers), so it is not queued.
 */
export const needsLaChoice = async (
  ctx: ServiceContext,
  input: { source: ImportSource; laCodes: string[] },
): Promise<boolean> => {
  if (input.source !== "gias" || input.laCodes.length > 0) return false;
  const hub = await hubsRepository(ctx.db).byId(ctx.actor.hubId);
  return (hub?.laCodes.length ?? 0) === 0;
};

/** Queues the import of a stored upload; the answer is its progress row. */
export const queueImport = async (
  ctx: ServiceContext,
  input: {
    source: ImportSource;
    laCodes: string[];
    fileKey: string;
    fileName: string;
    size: number;
    jobId: string;
  },
): Promise<ImportJob> => {
  if (!isHubUser(ctx.actor))
    throw forbidden("Only hub admins and hub staff import into the schools register");
  return inTransaction(ctx, async (tx) => {
    const repo = schoolImportsRepository(tx.db);
    const created = await repo.createJob({
      id: input.jobId,
      hubId: ctx.actor.hubId,
      kind: KIND[input.source],
      fileName: input.fileName,
      totalBytes: input.size,
      createdBy: ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId,
      status: "queued",
      owner: null,
    });
    if (!created)
      throw new AppError("conflict", "That import job id is already in use; start the import again");
    const payload: ImportPayload = {
      hubId: ctx.actor.hubId,
      jobId: input.jobId,
      userId: ctx.actor.userId,
      fileKey: input.fileKey,
      source: input.source,
      laCodes: input.laCodes,
    };
    // One try: an import that fails says why on its row; running it again would not help.
    await enqueue(tx.db, IMPORT_TASK, payload, { maxAttempts: 1 });
    const job = await repo.jobById(ctx.actor.hubId, input.jobId);
    if (!job) throw new AppError("internal", "The import could not be read back");
    return job;
  });
};

/** The person who queued the import, as they are now in the hub (undefined when no longer a hub user). */
const actorOf = async (tc: TaskContext, p: ImportPayload): Promise<Actor | undefined> => {
  const repo = authRepository(tc.deps.db);
  const [user, memberships] = await Promise.all([repo.userById(p.userId), repo.memberships(p.userId)]);
  const m = memberships.find((x) => x.hubId === p.hubId);
  if (!user || !m) return undefined;
  const actor: Actor = { userId: user.id, name: user.name, email: user.email, ...m };
  return isHubUser(actor) ? actor : undefined;
};

const runQueuedImport = async (payload: unknown, tc: TaskContext): Promise<void> => {
  const p = payload as ImportPayload;
  const { deps } = tc;
  const repo = schoolImportsRepository(deps.db);
  try {
    const job = await repo.jobById(p.hubId, p.jobId);
    if (job?.status !== "queued") return;
    const actor = await actorOf(tc, p);
    if (!actor) {
      if (await repo.claimQueuedJob(p.hubId, p.jobId, OWNER))
        await repo.finishJob(p.hubId, p.jobId, {
          status: "failed",
          result: null,
          error: "The person who started this import can no longer import into this hub",
          finishedAt: deps.clock(),
        });
      return;
    }
    const ctx = contextFor(deps, actor);
    const fileName = job.fileName ?? "upload.csv";
    // Failures are written on the jobs row by the import itself; the task has nothing to retry.
    if (p.source === "gias")
      await importGias(ctx, {
        stream: deps.files.stream(p.fileKey),
        fileName,
        totalBytes: job.totalBytes ?? undefined,
        laCodes: p.laCodes,
        jobId: p.jobId,
        queued: true,
      });
    else
      await importMusicData(ctx, {
        body: await deps.files.get(p.fileKey),
        fileName,
        jobId: p.jobId,
        queued: true,
      });
  } catch (err) {
    if (!(err instanceof AppError)) tc.log(`import ${p.jobId} failed: ${(err as Error).message}`);
  } finally {
    await deps.files.delete(p.fileKey).catch(() => {});
  }
};

export const registerSchoolJobs = (jobs: JobRegistry): void => {
  jobs.registerTask(IMPORT_TASK, runQueuedImport);
};
