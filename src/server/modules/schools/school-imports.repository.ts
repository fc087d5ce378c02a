import { once } from "node:events";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ImportJob, ImportSummary } from "../../../shared/schemas/schools";
import type { DbOrTx } from "../../db/client";
import { jobs, schoolMusicData, schools } from "../../db/schema/index";
import { type GiasRecordValues, type GiasSchoolRecord, RECORD_FIELDS } from "./gias/gias-reader";

/** The register fields an import writes: everything GIAS says about a school but its URN. */
export type RegisterField = Exclude<(typeof RECORD_FIELDS)[number], "urn">;
// Fails to compile if a register field has no column of the same name in `schools`.
const everyFieldHasAColumn: Exclude<RegisterField, keyof typeof schools.$inferSelect> extends never
  ? true
  : never = true;
void everyFieldHasAColumn;
export const REGISTER_FIELDS: readonly RegisterField[] = RECORD_FIELDS.filter(
  (f): f is RegisterField => f !== "urn",
);

export type RegisterValues = Pick<GiasSchoolRecord, RegisterField>;

/**
 * SQL name and type of every register column, read from the Drizzle schema (so they cannot drift),
 * and where its value is in a record's GiasRecordValues.
 */
const REGISTER_COLUMNS = REGISTER_FIELDS.map((key) => ({
  key,
  name: schools[key].name,
  type: schools[key].getSQLType(),
  index: RECORD_FIELDS.indexOf(key),
}));
const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const COLUMN_LIST = REGISTER_COLUMNS.map((c) => quoteIdent(c.name)).join(", ");
const RECORD_DEF = REGISTER_COLUMNS.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(", ");
const SET_LIST = REGISTER_COLUMNS.map((c) => `${quoteIdent(c.name)} = r.${quoteIdent(c.name)}`).join(", ");

/** A record as a JSON object keyed by SQL column name, for jsonb_to_recordset. */
const asRow = (r: RegisterValues): Record<string, unknown> => {
  const row: Record<string, unknown> = {};
  for (const c of REGISTER_COLUMNS) row[c.name] = r[c.key];
  return row;
};

// COPY text format: tab between columns, \N for null, backslash escapes in values.
const COPY_ESCAPES = /[\\\t\n\r]/;
const copyText = (value: string): string =>
  COPY_ESCAPES.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      )
    : value;
/** A text[] literal: {"a","b"}, each element quoted with " and \ escaped. */
const arrayLiteral = (values: readonly string[]): string =>
  `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
const copyValue = (value: unknown): string => {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return copyText(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return copyText(arrayLiteral(value as string[]));
  return copyText(JSON.stringify(value));
};

/** Sends rows already in COPY text format through `COPY … FROM STDIN` on this connection. */
const copyIn = async (client: pg.ClientBase, statement: string, data: Buffer): Promise<void> => {
  const stream = client.query(copyFrom(statement));
  const done = once(stream, "finish");
  stream.end(data);
  await done;
};

const SCHOOL_COPY = `copy schools (id, hub_id, source, urn, gias_hash, ${COLUMN_LIST}) from stdin`;

/**
 * Text written as UTF-8 into a Buffer that grows: a batch's COPY data is never one long string
 * (or a chain of concatenations) that would outlive the rows it was made from.
 */
class Utf8Buffer {
  private buffer: Buffer;
  private used = 0;

  constructor(bytes: number) {
    this.buffer = Buffer.allocUnsafe(bytes);
  }

  get length(): number {
    return this.used;
  }

  write(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const room = text.length * 3;
    if (this.buffer.length - this.used < room) {
      const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + room));
      this.buffer.copy(larger, 0, 0, this.used);
      this.buffer = larger;
    }
    this.used += this.buffer.write(text, this.used);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}

/**
 * New schools of one batch in COPY text form: each school is written out when it is added (as
 * the file is read), so its record need not be kept until the batch is. (Their creation is
 * audited once for the whole import, by the service: decision 009.)
 */
export class NewSchoolsCopy {
  /** The ids of the schools added, in order. */
  readonly ids: string[] = [];
  private readonly schools: Utf8Buffer;
  /** One school's values, in the order of SCHOOL_COPY (reused from school to school). */
  private readonly values: string[];

  private readonly hubId: string;

  constructor(
    hubId: string,
    /** Bytes to start with: the size of the previous batch (see next) spares growing the buffers. */
    sizes = { schools: 256 * 1024 },
  ) {
    this.hubId = hubId;
    this.schools = new Utf8Buffer(sizes.schools);
    this.values = ["", hubId, "gias", "", "", ...REGISTER_COLUMNS.map(() => "")];
  }

  /** An empty batch for the same hub, with room for as much as this one holds. */
  next(): NewSchoolsCopy {
    const room = (bytes: number, min: number) => Math.max(min, Math.ceil(bytes * 1.25));
    return new NewSchoolsCopy(this.hubId, {
      schools: room(this.schools.length, 256 * 1024),
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /**
   * Adds a school (its id made by the caller): the record and its values (giasRecordValues,
   * which the caller has for the hash already).
   */
  add(id: string, record: GiasSchoolRecord, recordValues: GiasRecordValues, hash: string): void {
    const values = this.values;
    values[0] = id;
    // values[1] and [2] are the hub and the source.
    values[3] = String(record.urn);
    values[4] = hash;
    let i = 5;
    for (const c of REGISTER_COLUMNS) values[i++] = copyValue(recordValues[c.index]);
    this.schools.write(`${values.join("\t")}\n`);
    this.ids.push(id);
  }

  /** The schools' COPY data. */
  data(): Buffer {
    return this.schools.bytes();
  }
}

/**
 * Inserts new schools with COPY on the transaction's own connection:
 * no JSON for PostgreSQL to parse, no planning, one round trip.
 */
export const copyNewSchools = async (client: pg.ClientBase, batch: NewSchoolsCopy): Promise<void> => {
  if (!batch.size) return;
  await copyIn(client, SCHOOL_COPY, batch.data());
};

export type ExistingSchool = { id: string; giasHash: string | null; status: "open" | "closed" | "proposed" };
export type ChangedSchool = { id: string; record: RegisterValues; hash: string };

const jobColumns = {
  id: jobs.id,
  kind: jobs.kind,
  status: jobs.status,
  fileName: jobs.fileName,
  totalBytes: jobs.totalBytes,
  processedBytes: jobs.processedBytes,
  rowsRead: jobs.rowsRead,
  result: jobs.result,
  error: jobs.error,
  createdAt: jobs.createdAt,
  finishedAt: jobs.finishedAt,
};
type JobRow = { [K in keyof typeof jobColumns]: (typeof jobs.$inferSelect)[K] };

const presentJob = (r: JobRow): ImportJob => ({
  ...r,
  result: (r.result as ImportSummary | null) ?? null,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
});

export const schoolImportsRepository = (db: DbOrTx) => ({
  /** One import per hub at a time: held until the transaction ends. */
  lockHub: async (hubId: string): Promise<void> => {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`school-import:${hubId}`}))`);
  },

  /** Every school of the hub by URN, with what an import needs to decide. */
  existingByUrn: async (hubId: string): Promise<Map<number, ExistingSchool>> => {
    const rows = await db
      .select({ id: schools.id, urn: schools.urn, giasHash: schools.giasHash, status: schools.status })
      .from(schools)
      .where(eq(schools.hubId, hubId));
    return new Map(rows.map((r) => [r.urn, { id: r.id, giasHash: r.giasHash, status: r.status }]));
  },

  /** The register fields of these schools as stored, for the audit's before. */
  registerValues: async (hubId: string, ids: string[]): Promise<Map<string, RegisterValues>> => {
    if (!ids.length) return new Map();
    const cols = Object.fromEntries(REGISTER_FIELDS.map((k) => [k, schools[k]])) as {
      [K in RegisterField]: (typeof schools)[K];
    };
    const rows = await db
      .select({ id: schools.id, ...cols })
      .from(schools)
      .where(and(eq(schools.hubId, hubId), inArray(schools.id, ids)));
    return new Map(rows.map(({ id, ...rest }) => [id, rest as RegisterValues]));
  },

  /** Updates the register fields (never area, link officer, tags or contacts) of these schools in one statement. */
  updateSchools: async (hubId: string, rows: ChangedSchool[], now: Date): Promise<void> => {
    if (!rows.length) return;
    const json = JSON.stringify(rows.map((r) => ({ ...asRow(r.record), id: r.id, gias_hash: r.hash })));
    await db.execute(sql`
      update schools s set ${sql.raw(SET_LIST)}, gias_hash = r.gias_hash, source = 'gias', updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as r(id uuid, gias_hash text, ${sql.raw(RECORD_DEF)})
      where s.id = r.id and s.hub_id = ${hubId}::uuid`);
  },

  /** Records a new hash only (the stored fields already equal the file's). */
  setHashes: async (hubId: string, rows: { id: string; hash: string }[]): Promise<void> => {
    if (!rows.length) return;
    await db.execute(sql`
      update schools s set gias_hash = r.gias_hash
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, gias_hash: r.hash })))}::jsonb) as r(id uuid, gias_hash text)
      where s.id = r.id and s.hub_id = ${hubId}::uuid`);
  },

  // Music data

  /** Schools of the hub for the music-data template and import. */
  schoolsForMusicData: async (hubId: string) =>
    db
      .select({
        id: schools.id,
        urn: schools.urn,
        name: schools.name,
        status: schools.status,
        pupils: schools.pupils,
      })
      .from(schools)
      .where(eq(schools.hubId, hubId))
      .orderBy(schools.name, schools.urn),

  musicDataForYears: async (hubId: string, years: string[]) =>
    years.length
      ? db
          .select()
          .from(schoolMusicData)
          .where(and(eq(schoolMusicData.hubId, hubId), inArray(schoolMusicData.academicYear, years)))
      : [],

  // Jobs

  createJob: async (row: {
    id: string;
    hubId: string;
    kind: string;
    fileName: string;
    totalBytes: number | null;
    createdBy: string | null;
    status?: "queued" | "running";
    /** The process running the job; null while it is queued for a worker (job-liveness.ts). */
    owner: string | null;
  }): Promise<boolean> => {
    const res = await db
      .insert(jobs)
      .values({ ...row, heartbeatAt: sql`now()` })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    return res.length > 0;
  },

  /** Marks a queued job running, owned by `owner`; false when it is not queued (already taken, or gone). */
  claimQueuedJob: async (hubId: string, id: string, owner: string): Promise<boolean> => {
    const res = await db
      .update(jobs)
      .set({ status: "running", owner, heartbeatAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.hubId, hubId), eq(jobs.status, "queued")))
      .returning({ id: jobs.id });
    return res.length > 0;
  },

  /**
   * Marks failed, with `reason`, every running job whose owner has stopped beating for
   * `staleSeconds` (or never did: rows from before heartbeats). The one statement not scoped by
   * a hub: it is the server's own housekeeping, for every hub at once. Returns the jobs failed.
   */
  failStaleJobs: async (staleSeconds: number, reason: string): Promise<{ id: string; hubId: string }[]> =>
    db
      .update(jobs)
      .set({ status: "failed", error: reason, finishedAt: sql`now()` })
      .where(
        and(
          eq(jobs.status, "running"),
          sql`coalesce(${jobs.heartbeatAt}, ${jobs.createdAt}) < now() - make_interval(secs => ${staleSeconds})`,
        ),
      )
      .returning({ id: jobs.id, hubId: jobs.hubId }),

  /** The owner is alive: a running job's heartbeat moves to now. */
  jobHeartbeat: async (hubId: string, id: string, owner: string): Promise<void> => {
    await db
      .update(jobs)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.hubId, hubId), eq(jobs.owner, owner), eq(jobs.status, "running")));
  },

  jobProgress: async (hubId: string, id: string, processedBytes: number, rowsRead: number): Promise<void> => {
    await db
      .update(jobs)
      .set({ processedBytes, rowsRead })
      .where(and(eq(jobs.id, id), eq(jobs.hubId, hubId)));
  },

  finishJob: async (
    hubId: string,
    id: string,
    patch: {
      status: "succeeded" | "failed";
      result: ImportSummary | null;
      error: string | null;
      processedBytes?: number;
      rowsRead?: number;
      finishedAt: Date;
    },
  ): Promise<void> => {
    await db
      .update(jobs)
      .set({ ...patch, result: patch.result as Record<string, unknown> | null })
      .where(and(eq(jobs.id, id), eq(jobs.hubId, hubId)));
  },

  jobById: async (hubId: string, id: string): Promise<ImportJob | undefined> => {
    const [row] = await db
      .select(jobColumns)
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.hubId, hubId)))
      .limit(1);
    return row ? presentJob(row) : undefined;
  },

  listJobs: async (
    hubId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: ImportJob[]; total: number }> => {
    const where = and(eq(jobs.hubId, hubId), inArray(jobs.kind, IMPORT_JOB_KINDS));
    const [rows, totals] = await Promise.all([
      db
        .select(jobColumns)
        .from(jobs)
        .where(where)
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(jobs).where(where),
    ]);
    return { items: rows.map(presentJob), total: totals[0]?.n ?? 0 };
  },
});

export const IMPORT_JOB_KINDS = ["gias-import", "music-data-import"];
