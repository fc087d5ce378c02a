import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { installJobSchema } from "../platform/jobs";
import { traceStart } from "../platform/startup-trace";
import { APP_DATABASE, type EmbeddedServer, planEmbedded, startEmbedded } from "./embedded";
import { registerFreshness, stopFreshness } from "./freshness";
import { applyMigrations } from "./migrate";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A database handle or an open transaction: services take either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  pool: pg.Pool;
  kind: "embedded" | "external";
  url: string;
  embedded: EmbeddedServer | undefined;
  close: (opts?: { stopEmbedded?: boolean }) => Promise<void>;
};

/** Beside this file in the sources (src/server/db/migrations), beside the bundle in the build
 * (dist/server/migrations: scripts/build.mjs copies them there and keeps every chunk in that folder). */
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// numeric and bigint come back from pg as strings; counts go through count() or ::int.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Names this process's connections, so a command can tell them from another process's. */
export const APPLICATION_NAME = `tutti:${process.pid}`;

/**
 * The one place that gives a pg client its error handlers. A client whose connection dies
 * emits 'error'; without a listener that error would end the process. The pool listens to its
 * idle clients only, so every client gets a listener of its own for as long as it lives (checked
 * out for a transaction, an import's COPY, a backup): the error is logged, the work on the client
 * fails with it (and answers 503), and the pool replaces the connection. Use it for any client
 * made outside a pool too (a LISTEN client, a job worker's connection).
 */
export const attachErrorHandlers = <C extends pg.ClientBase | pg.Pool>(
  client: C,
  log: (line: string) => void = () => {},
): C => {
  let last = 0;
  const onError = (err: Error) => {
    // one line per second at most: a lost server cuts every connection at once
    const now = Date.now();
    if (now - last > 1000) log(`database connection lost: ${err.message}`);
    last = now;
  };
  if (client instanceof pg.Pool) {
    client.on("error", onError);
    client.on("connect", (c) => void attachErrorHandlers(c, log));
  } else {
    client.on("error", onError);
  }
  return client;
};

/** A pool whose clients all have error handlers (see attachErrorHandlers). */
export const createPool = (url: string, opts: { max?: number; log?: (line: string) => void } = {}): pg.Pool =>
  attachErrorHandlers(
    new pg.Pool({ connectionString: url, max: opts.max ?? 20, application_name: APPLICATION_NAME }),
    opts.log,
  );

/** A Drizzle handle over `pool`; it listens for changes (db/freshness.ts) once a cache asks. */
export const createDb = (pool: pg.Pool, opts: { log?: (line: string) => void } = {}): Db => {
  const db = drizzle(pool, { schema });
  registerFreshness(db, pool, opts);
  return db;
};

export type PlannedDatabase = { url: string; pool: pg.Pool; db: Db };

/**
 * A pool and Drizzle handle for where the database will be, before it is opened: nothing
 * connects until asked to. For the embedded server, its planned address (planEmbedded).
 */
export const planDatabase = async (opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<PlannedDatabase> => {
  const url = opts.databaseUrl ?? (await planEmbedded(opts.dataDir)).url(APP_DATABASE);
  const pool = createPool(url, { log: opts.log });
  return { url, pool, db: createDb(pool, { log: opts.log }) };
};

/**
 * Opens the database: the PostgreSQL server at `databaseUrl`, or (when absent) the embedded
 * server of `dataDir`, started or found running.
 */
export const openDatabase = async (opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  log?: (line: string) => void;
  poolSize?: number;
  database?: string;
  /** Adopt an embedded server found running (see EmbeddedOptions): `tutti serve` does. */
  adopt?: boolean;
  /** A pool and handle made ahead for the url the database was expected at (planDatabase): used
   * when the database is there, left to the caller otherwise. */
  planned?: PlannedDatabase;
}): Promise<Database> => {
  let embedded: EmbeddedServer | undefined;
  let url: string;
  if (opts.databaseUrl) {
    url = opts.databaseUrl;
  } else {
    embedded = await startEmbedded({ dataDir: opts.dataDir, log: opts.log, adopt: opts.adopt });
    traceStart("embedded PostgreSQL up");
    try {
      url = embedded.url("postgres");
      const dbName = opts.database ?? APP_DATABASE;
      const admin = attachErrorHandlers(new pg.Client({ connectionString: url }), opts.log);
      await admin.connect();
      try {
        const exists = await admin.query("select 1 from pg_database where datname = $1", [dbName]);
        if (exists.rowCount === 0) await admin.query(`create database "${dbName}"`);
      } catch (err) {
        // two processes creating it at once: the other one won
        const code = (err as { code?: string }).code;
        if (code !== "42P04" && code !== "23505") throw err;
      } finally {
        await admin.end();
      }
      url = embedded.url(dbName);
      traceStart("database ready");
    } catch (err) {
      await embedded.release().catch(() => {});
      throw err;
    }
  }
  const reuse = opts.planned?.url === url ? opts.planned : undefined;
  const pool = reuse?.pool ?? createPool(url, { max: opts.poolSize, log: opts.log });
  // Fail early with a clear message when the server cannot be reached.
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    await embedded?.release().catch(() => {});
    throw new Error(`cannot connect to the database: ${(err as Error).message}`);
  }
  const db = reuse?.db ?? createDb(pool, { log: opts.log });
  const handle = embedded;
  return {
    db,
    pool,
    kind: embedded ? "embedded" : "external",
    url,
    embedded,
    close: async ({ stopEmbedded = true } = {}) => {
      await stopFreshness(db);
      await pool.end();
      // Stops the embedded server only when no other process uses it (see EmbeddedServer).
      if (handle) await handle.release({ stop: stopEmbedded });
    },
  };
};

/** Runs fn while holding a PostgreSQL advisory lock (one process at a time, across processes). */
export const withAdvisoryLock = async <T>(pool: pg.Pool, key: number, fn: () => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [key]);
    return await fn();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [key]).catch(() => {});
    client.release();
  }
};

const MIGRATION_LOCK = 727274;

/**
 * Applies the committed migrations and installs the job queue's schema, one process at a time
 * (advisory lock). With `jobSchemaLater`, it returns once the app's schema is in place and gives
 * the job queue's install as a promise, made under the same lock: `tutti serve` loads the demo
 * meanwhile (nothing in it queues a job) and waits for both before it listens (decision 031).
 */
export const migrateDatabase = async (
  pool: pg.Pool,
  opts: { jobSchemaLater?: boolean } = {},
): Promise<{ jobSchema: Promise<void> }> => {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    if (opts.jobSchemaLater) await applyMigrations(client, migrationsFolder);
    else {
      // The two schemas do not depend on each other: applied side by side, each on its own
      // connection (a fresh start waits for the longer one only). Both finish before the lock goes.
      const results = await Promise.allSettled([
        applyMigrations(client, migrationsFolder),
        installJobSchema(pool),
      ]);
      for (const r of results) if (r.status === "rejected") throw r.reason;
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  const jobSchema = opts.jobSchemaLater
    ? withAdvisoryLock(pool, MIGRATION_LOCK, () => installJobSchema(pool))
    : Promise.resolve();
  jobSchema.catch(() => {}); // the caller awaits it
  return { jobSchema };
};

/**
 * `make(db)` made once per database handle (or open transaction) and kept while the handle
 * lives: prepared statements, and caches that belong to one database (so to one app, and to
 * one test database).
 */
export const perHandle = <H extends object, T>(make: (db: H) => T): ((db: H) => T) => {
  const made = new WeakMap<H, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
};
