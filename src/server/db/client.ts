import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { type EmbeddedServer, startEmbedded } from "./embedded";
import { registerFreshness, stopFreshness } from "./freshness";
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

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// numeric and bigint come back from pg as strings; counts go through count() or ::int.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Names this process's connections, so a command can tell them from another process's. */
export const APPLICATION_NAME = `tutti:${process.pid}`;

/** A Drizzle handle over `pool`; it listens for changes (db/freshness.ts) once a cache asks. */
export const createDb = (pool: pg.Pool, opts: { log?: (line: string) => void } = {}): Db => {
  const db = drizzle(pool, { schema });
  registerFreshness(db, pool, opts);
  return db;
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
}): Promise<Database> => {
  let embedded: EmbeddedServer | undefined;
  let url: string;
  if (opts.databaseUrl) {
    url = opts.databaseUrl;
  } else {
    embedded = await startEmbedded({ dataDir: opts.dataDir, log: opts.log });
    url = embedded.url("postgres");
    const dbName = opts.database ?? "tutti";
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [dbName]);
      if (exists.rowCount === 0) await admin.query(`create database "${dbName}"`);
    } finally {
      await admin.end();
    }
    url = embedded.url(dbName);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 20,
    application_name: APPLICATION_NAME,
  });
  pool.on("error", (err) => opts.log?.(`database connection error: ${err.message}`));
  // Fail early with a clear message when the server cannot be reached.
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`cannot connect to the database: ${(err as Error).message}`);
  }
  const db = createDb(pool, { log: opts.log });
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
      if (handle && stopEmbedded) await handle.stop();
    },
  };
};

/** Applies the committed migrations, one process at a time (advisory lock). */
export const migrateDatabase = async (pool: pg.Pool): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(727274)");
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(727274)").catch(() => {});
    client.release();
  }
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
