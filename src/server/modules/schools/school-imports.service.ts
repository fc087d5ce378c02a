import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { academicYearOf } from "../../../shared/rules/academic-year";
import type { Paged, PageQuery } from "../../../shared/schemas/common";
import type { ImportJob, ImportRowError, ImportSummary, MusicFigures } from "../../../shared/schemas/schools";
import * as schema from "../../db/schema/index";
import { isHubUser, SYSTEM_USER_ID } from "../../platform/actor";
import { type AuditInput, changedFields, recordAudit, recordAuditMany } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, notFound } from "../../platform/errors";
import { hubsRepository } from "../hubs/hubs.repository";
import { applyAreaRules } from "./areas.service";
import {
  GiasFileError,
  type GiasSchoolRecord,
  giasRecordValues,
  giasValuesHash,
  readGiasExtractInBatches,
} from "./gias/gias-reader";
import { OWNER, startHeartbeat, stopHeartbeat } from "./job-liveness";
import { buildMusicDataTemplate, type MusicDataRow, parseMusicDataCsv } from "./music-data-csv";
import {
  type ChangedSchool,
  copyNewSchools,
  NewSchoolsCopy,
  REGISTER_FIELDS,
  type RegisterValues,
  schoolImportsRepository,
} from "./school-imports.repository";
import { upsertMusicYear } from "./schools.service";

/** At most this many row errors are returned; the count of all of them is kept. */
export const MAX_REPORTED_ERRORS = 1000;
/** New or changed schools handed to the database at a time. */
const BATCH_ROWS = 2000;
/** The jobs row is updated at most this often while a file is read. */
const PROGRESS_EVERY_MS = 250;

/** A summary and the number of all row errors (the summary carries the first 1,000). */
export type ImportResult = ImportSummary & { errorCount: number };

export type ImportProgress = { bytes: number; rows: number };

export type GiasImportInput = {
  stream: Readable | AsyncIterable<Buffer>;
  fileName: string;
  totalBytes?: number;
  laCodes?: string[];
  jobId?: string;
  /** The jobs row exists already, queued (a background import): it is claimed, not created. */
  queued?: boolean;
  onProgress?: (p: ImportProgress) => void;
};

const emptySummary = (): ImportSummary => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  closed: 0,
  skipped: 0,
  errors: [],
});

/** "Row 5, column URN: … (and 3 more problems)": the message of a refused import. */
export const importErrorMessage = (result: { errors: ImportRowError[]; errorCount?: number }): string => {
  const first = result.errors[0];
  if (!first) return "The file could not be imported";
  const total = Math.max(result.errorCount ?? 0, result.errors.length);
  const where = first.column ? `Row ${first.row}, column ${first.column}` : `Row ${first.row}`;
  const more = total > 1 ? ` (and ${total - 1} more problem${total - 1 === 1 ? "" : "s"})` : "";
  return `${where}: ${first.message}${more}`;
};

/** Thrown inside the transaction to roll it back when a row was wrong. */
class RowErrors extends Error {}

/** Keeps the first 1,000 errors and counts them all. */
const errorCollector = () => {
  const errors: ImportRowError[] = [];
  let total = 0;
  return {
    add: (e: ImportRowError) => {
      total++;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    },
    get count() {
      return total;
    },
    errors,
  };
};

/** Throttled progress: the jobs row (outside the import's transaction, so others see it) and a callback. */
const progressReporter = (
  ctx: ServiceContext,
  jobId: string,
  onProgress: ((p: ImportProgress) => void) | undefined,
) => {
  const root = schoolImportsRepository(ctx.db);
  let bytes = 0;
  let rows = 0;
  let last = 0;
  let inFlight: Promise<void> | null = null;
  const flush = () => {
    onProgress?.({ bytes, rows });
    if (inFlight) return;
    inFlight = root
      .jobProgress(ctx.actor.hubId, jobId, bytes, rows)
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  };
  return {
    bytes: (n: number) => {
      bytes = n;
      const now = Date.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        flush();
      }
    },
    row: () => {
      rows++;
    },
    get state(): ImportProgress {
      return { bytes, rows };
    },
    settle: async () => {
      onProgress?.({ bytes, rows });
      await inFlight;
    },
  };
};

const requireImporter = (ctx: ServiceContext): void => {
  if (!isHubUser(ctx.actor))
    throw forbidden("Only hub admins and hub staff import into the schools register");
};

const startJob = async (
  ctx: ServiceContext,
  kind: string,
  fileName: string,
  totalBytes: number | undefined,
  jobId?: string,
  queued?: boolean,
) => {
  const id = jobId ?? randomUUID();
  if (queued) {
    // A background import (school-imports.jobs.ts): its row was written when it was queued.
    if (!(jobId && (await schoolImportsRepository(ctx.db).claimQueuedJob(ctx.actor.hubId, jobId, OWNER))))
      throw new AppError("conflict", "That import has already started");
    startHeartbeat(ctx, jobId);
    return jobId;
  }
  const created = await schoolImportsRepository(ctx.db).createJob({
    id,
    hubId: ctx.actor.hubId,
    kind,
    fileName,
    totalBytes: totalBytes ?? null,
    createdBy: ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId,
    owner: OWNER,
  });
  if (!created)
    throw new AppError("conflict", "That import job id is already in use; start the import again");
  startHeartbeat(ctx, id);
  return id;
};

const finishJob = async (
  ctx: ServiceContext,
  jobId: string,
  outcome: { result: ImportSummary | null; error: string | null; progress?: ImportProgress },
) => {
  stopHeartbeat(jobId);
  await schoolImportsRepository(ctx.db)
    .finishJob(ctx.actor.hubId, jobId, {
      status: outcome.error === null ? "succeeded" : "failed",
      result: outcome.result,
      error: outcome.error,
      ...(outcome.progress
        ? { processedBytes: outcome.progress.bytes, rowsRead: outcome.progress.rows }
        : {}),
      finishedAt: ctx.clock(),
    })
    .catch(() => undefined);
};

/**
 * Runs fn in a transaction on one connection of its own, handed to fn as well (for COPY). When
 * ctx.db is already a transaction, that transaction's connection is used (a savepoint inside it).
 */
const inTransactionWithClient = async <T>(
  ctx: ServiceContext,
  fn: (tx: ServiceContext, client: pg.ClientBase) => Promise<T>,
): Promise<T> => {
  const pool = (ctx.db as { $client?: unknown }).$client;
  if (pool instanceof pg.Pool) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await drizzle(client, { schema }).transaction((tx) => fn({ ...ctx, db: tx }, client));
    } catch (err) {
      // A connection that failed mid-COPY is not handed back to the pool.
      if (!(err instanceof AppError || err instanceof GiasFileError || err instanceof RowErrors)) {
        broken = err as Error;
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }
  return inTransaction(ctx, (tx) =>
    fn(tx, (tx.db as unknown as { session: { client: pg.ClientBase } }).session.client),
  );
};

/** A school whose hash differs from the file's, kept until its batch is written. */
type Change = ChangedSchool & { closing: boolean };

const registerValues = (r: GiasSchoolRecord): RegisterValues => {
  const out = {} as Record<string, unknown>;
  for (const key of REGISTER_FIELDS) out[key] = r[key];
  return out as RegisterValues;
};

/**
 * Imports a GIAS establishment extract into the hub's register, all or nothing: new schools are
 * added, changed ones updated (register fields only, audited field by field), closures counted,
 * schools missing from the file left alone. Rows of LAs the hub does not cover are skipped.
 * Row errors roll everything back and come back in the summary (first 1,000).
 */
export const importGias = async (ctx: ServiceContext, input: GiasImportInput): Promise<ImportResult> => {
  requireImporter(ctx);
  const hubId = ctx.actor.hubId;
  const jobId = await startJob(
    ctx,
    "gias-import",
    input.fileName,
    input.totalBytes,
    input.jobId,
    input.queued,
  );
  const progress = progressReporter(ctx, jobId, input.onProgress);
  const errors = errorCollector();

  try {
    const result = await inTransactionWithClient(ctx, async (tx, client) => {
      const repo = schoolImportsRepository(tx.db);
      await repo.lockHub(hubId);
      // The hub's row first, as every register write does (schools.service), so no deadlock.
      await hubsRepository(tx.db).lockForWrites(hubId);
      const hub = await hubsRepository(tx.db).byId(hubId);
      if (!hub) throw notFound("Hub");
      const covered = new Set([...hub.laCodes, ...(input.laCodes ?? [])]);
      const batches = readGiasExtractInBatches(input.stream, { onProgress: progress.bytes });

      if (covered.size === 0) {
        // Read the file once to say which LAs it holds, and refuse.
        const las = new Map<string, { name: string | null; schools: number }>();
        for await (const results of batches) {
          for (const r of results) {
            progress.row();
            if (!r.ok) continue;
            const la = las.get(r.record.laCode) ?? { name: r.record.laName, schools: 0 };
            la.schools++;
            las.set(r.record.laCode, la);
          }
        }
        const laOptions = [...las]
          .map(([code, v]) => ({ code, name: v.name, schools: v.schools }))
          .sort((a, b) => a.code.localeCompare(b.code));
        throw new AppError("invalid", "Choose the local authorities your hub covers before importing", {
          laOptions,
        });
      }

      const added = [...covered].filter((c) => !hub.laCodes.includes(c)).sort();
      if (added.length) {
        const laCodes = [...covered].sort();
        await hubsRepository(tx.db).update(hubId, { laCodes });
        await recordAudit(tx.db, ctx.actor, {
          action: "update",
          entity: "hub",
          entityId: hubId,
          before: { laCodes: hub.laCodes },
          after: { laCodes },
        });
      }

      const existing = await repo.existingByUrn(hubId);
      const summary = emptySummary();
      /** The row each URN was first seen on, and how often the URNs seen more than once were. */
      const firstRowOfUrn = new Map<number, number>();
      const timesOfUrn = new Map<number, number>();
      const touched: string[] = [];
      // Each school is judged as it is read (the hub's URN → hash map is loaded): an unchanged
      // one is counted and dropped, a new one turned into COPY text at once; only changed ones
      // keep their record until their batch is written.
      let inserts = new NewSchoolsCopy(hubId);
      let changes: Change[] = [];
      let pending: Promise<void> = Promise.resolve();
      let failure: unknown = null;

      const writeBatch = async (newSchools: NewSchoolsCopy, changed: Change[]) => {
        await copyNewSchools(client, newSchools);
        summary.created += newSchools.size;
        for (const id of newSchools.ids) touched.push(id);

        if (!changed.length) return;
        const before = await repo.registerValues(
          hubId,
          changed.map((c) => c.id),
        );
        const updates: ChangedSchool[] = [];
        const hashOnly: { id: string; hash: string }[] = [];
        const audits: AuditInput[] = [];
        for (const c of changed) {
          const old = before.get(c.id);
          const diff = old ? changedFields(old, c.record) : undefined;
          if (!diff) {
            hashOnly.push({ id: c.id, hash: c.hash });
            summary.unchanged++;
            continue;
          }
          updates.push(c);
          audits.push({ action: "update", entity: "school", entityId: c.id, ...diff });
          touched.push(c.id);
          if (c.closing) summary.closed++;
          else summary.updated++;
        }
        await repo.updateSchools(hubId, updates, ctx.clock());
        await repo.setHashes(hubId, hashOnly);
        await recordAuditMany(tx.db, ctx.actor, audits);
      };

      /** Hands a batch to the database while the next one is read (the two overlap on two cores). */
      const flush = async () => {
        const batchInserts = inserts;
        const batchChanges = changes;
        inserts = batchInserts.next();
        changes = [];
        await pending;
        if (failure !== null) throw failure;
        pending = writeBatch(batchInserts, batchChanges).catch((err: unknown) => {
          failure = err;
        });
      };

      for await (const results of batches) {
        for (const r of results) {
          progress.row();
          if (!r.ok) {
            // A row of an LA the hub does not cover is skipped, not judged, when the reader can
            // say its LA; a bad row whose LA cannot be read counts as an error.
            if (r.laCode !== undefined && !covered.has(r.laCode)) {
              summary.skipped++;
              continue;
            }
            for (const e of r.errors) errors.add(e);
            continue;
          }
          const record = r.record;
          if (!covered.has(record.laCode)) {
            summary.skipped++;
            continue;
          }
          const urn = record.urn;
          const seenOn = firstRowOfUrn.get(urn);
          if (seenOn !== undefined) {
            const n = (timesOfUrn.get(urn) ?? 1) + 1;
            timesOfUrn.set(urn, n);
            const times = n === 2 ? "twice" : `${n} times`;
            errors.add({
              row: r.row,
              column: "URN",
              message: `URN ${urn} appears ${times}: rows ${seenOn} and ${r.row}`,
            });
            continue;
          }
          firstRowOfUrn.set(urn, r.row);
          if (errors.count > 0) continue; // nothing will be written: only look for more problems
          const values = giasRecordValues(record);
          const hash = giasValuesHash(values);
          const found = existing.get(urn);
          if (!found) inserts.add(randomUUID(), record, values, hash);
          else if (found.giasHash === hash) {
            summary.unchanged++;
            continue;
          } else {
            changes.push({
              id: found.id,
              record: registerValues(record),
              hash,
              closing: record.status === "closed" && found.status !== "closed",
            });
          }
          if (inserts.size + changes.length >= BATCH_ROWS) await flush();
        }
      }
      if (errors.count === 0) await flush();
      await pending;
      if (failure !== null) throw failure;
      if (errors.count > 0) throw new RowErrors();

      if (touched.length) await applyAreaRules(tx, touched);
      // One entry for the import as a whole (decision 009): the schools it added (their
      // created_at is this transaction's time), with the counts. Changes to existing schools
      // have their own field-level entries above.
      if (summary.created + summary.updated + summary.closed > 0)
        await recordAudit(tx.db, ctx.actor, {
          action: "create",
          entity: "school_import",
          entityId: jobId,
          after: {
            source: "gias",
            fileName: input.fileName,
            created: summary.created,
            updated: summary.updated,
            closed: summary.closed,
            unchanged: summary.unchanged,
            skipped: summary.skipped,
          },
        });
      return summary;
    });
    await progress.settle();
    const done: ImportResult = { ...result, errorCount: 0 };
    await finishJob(ctx, jobId, { result: { ...result }, error: null, progress: progress.state });
    return done;
  } catch (err) {
    await progress.settle();
    if (err instanceof RowErrors) {
      const summary: ImportResult = { ...emptySummary(), errors: errors.errors, errorCount: errors.count };
      const { errorCount: _, ...stored } = summary;
      await finishJob(ctx, jobId, {
        result: stored,
        error: importErrorMessage(summary),
        progress: progress.state,
      });
      return summary;
    }
    const message =
      err instanceof GiasFileError || err instanceof AppError
        ? err.message
        : "The import failed on our side; nothing was changed";
    await finishJob(ctx, jobId, { result: null, error: message, progress: progress.state });
    if (err instanceof GiasFileError) throw new AppError("invalid", err.message, { reason: err.reason });
    throw err;
  }
};

export const getImportJob = async (ctx: ServiceContext, id: string): Promise<ImportJob> => {
  requireImporter(ctx);
  const job = await schoolImportsRepository(ctx.db).jobById(ctx.actor.hubId, id);
  if (!job) throw notFound("Import");
  return job;
};

export const listImportJobs = async (ctx: ServiceContext, q: PageQuery): Promise<Paged<ImportJob>> => {
  requireImporter(ctx);
  const { items, total } = await schoolImportsRepository(ctx.db).listJobs(
    ctx.actor.hubId,
    q.page,
    q.pageSize,
  );
  return { items, total, page: q.page, pageSize: q.pageSize };
};

// ---------------------------------------------------------------------------------------------
// Music data

/** The music-data template for a year: one row per open school of the hub, prefilled. */
export const musicDataTemplate = async (
  ctx: ServiceContext,
  year?: string,
): Promise<{ fileName: string; body: Buffer }> => {
  requireImporter(ctx);
  const academicYear = year ?? academicYearOf(ctx.clock());
  const repo = schoolImportsRepository(ctx.db);
  const [all, data] = await Promise.all([
    repo.schoolsForMusicData(ctx.actor.hubId),
    repo.musicDataForYears(ctx.actor.hubId, [academicYear]),
  ]);
  const bySchool = new Map(data.map((d) => [d.schoolId, d]));
  const body = buildMusicDataTemplate(
    academicYear,
    all
      .filter((s) => s.status === "open")
      .map((s) => ({ urn: s.urn, name: s.name, figures: bySchool.get(s.id) ?? null })),
  );
  return { fileName: `music-data-${academicYear.replace("/", "-")}.csv`, body };
};

const sameFigures = (row: MusicDataRow, stored: Record<string, unknown> | undefined): boolean => {
  if (!stored) return false;
  for (const [k, v] of Object.entries(row.figures)) if ((stored[k] ?? null) !== (v ?? null)) return false;
  return true;
};

/**
 * Imports a music-data CSV (the template, filled in): all or nothing, row by row errors, written
 * through upsertMusicYear with source "import" so every figure says where it came from.
 */
export const importMusicData = async (
  ctx: ServiceContext,
  input: { body: Buffer; fileName: string; jobId?: string; queued?: boolean },
): Promise<ImportResult> => {
  requireImporter(ctx);
  const hubId = ctx.actor.hubId;
  const jobId = await startJob(
    ctx,
    "music-data-import",
    input.fileName,
    input.body.length,
    input.jobId,
    input.queued,
  );
  try {
    const repo = schoolImportsRepository(ctx.db);
    const all = await repo.schoolsForMusicData(hubId);
    const byUrn = new Map(all.map((s) => [s.urn, s]));
    const parsed = parseMusicDataCsv(input.body, (urn) => {
      const s = byUrn.get(urn);
      return s ? { pupils: s.pupils } : undefined;
    });
    const errors = errorCollector();
    for (const e of parsed.errors) errors.add(e);
    if (errors.count > 0) {
      const summary: ImportResult = { ...emptySummary(), errors: errors.errors, errorCount: errors.count };
      const { errorCount: _, ...stored } = summary;
      await finishJob(ctx, jobId, {
        result: stored,
        error: importErrorMessage(summary),
        progress: { bytes: input.body.length, rows: parsed.rowsRead },
      });
      return summary;
    }
    const years = [...new Set(parsed.rows.map((r) => r.academicYear))];
    const summary = await inTransaction(ctx, async (tx) => {
      await hubsRepository(tx.db).lockForWrites(hubId);
      const stored = await schoolImportsRepository(tx.db).musicDataForYears(hubId, years);
      const existing = new Map(
        stored.map((d) => [`${d.schoolId}|${d.academicYear}`, d as unknown as Record<string, unknown>]),
      );
      const s = emptySummary();
      for (const row of parsed.rows) {
        const school = byUrn.get(row.urn);
        if (!school) continue; // checked by the parser
        const before = existing.get(`${school.id}|${row.academicYear}`);
        const hasAny = Object.values(row.figures).some((v) => v !== null && v !== undefined);
        if (!before && !hasAny) {
          s.skipped++;
          continue;
        }
        if (before && sameFigures(row, before)) {
          s.unchanged++;
          continue;
        }
        await upsertMusicYear(tx, school.id, row.academicYear, row.figures as MusicFigures, "import");
        if (before) s.updated++;
        else s.created++;
      }
      return s;
    });
    await finishJob(ctx, jobId, {
      result: summary,
      error: null,
      progress: { bytes: input.body.length, rows: parsed.rowsRead },
    });
    return { ...summary, errorCount: 0 };
  } catch (err) {
    const message =
      err instanceof AppError ? err.message : "The import failed on our side; nothing was changed";
    await finishJob(ctx, jobId, { result: null, error: message });
    throw err;
  }
};
