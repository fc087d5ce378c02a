import { readFileSync } from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type pg from "pg";

type Migration = ReturnType<typeof readMigrationFiles>[number];

/** A migration's statements as one text. Drizzle-kit ends each with ";" before its breakpoint; a
 * hand-written one may not, hence the ";" between them (an empty statement is harmless). */
const textOf = (m: Migration): string => m.sql.join(";\n");

/** The records as Drizzle writes them: the file's sha256 (hex) and the journal's "when". */
const recordsOf = (pending: Migration[]): string =>
  `insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values ${pending
    .map((m) => `('${m.hash.replace(/[^0-9a-f]/g, "")}', ${Math.trunc(m.folderMillis)})`)
    .join(", ")}`;

/**
 * Applies the migrations drizzle-kit generated (`db/migrations`, its journal and its
 * `drizzle.__drizzle_migrations` table, exactly as Drizzle's own migrator reads and records
 * them), but sends every pending migration, their records and the transaction around them as
 * ONE query. A fresh database takes ~525 statements: Drizzle's migrator made that 525 round
 * trips, each waiting for Node's event loop, which at start-up is busy building the app
 * (decision 031). As with Drizzle, the pending migrations run in one transaction, a migration is
 * pending when it is newer than the newest one recorded, and a failure leaves the database as
 * it was. When the batch fails, the migrations are tried again one by one (in a transaction
 * that is rolled back) to name the one that failed.
 */
export const applyMigrations = async (client: pg.ClientBase, migrationsFolder: string): Promise<number> => {
  const migrations = readMigrationFiles({ migrationsFolder });
  await client.query(
    `CREATE SCHEMA IF NOT EXISTS "drizzle";
     CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
  );
  const last = await client.query<{ created_at: string | null }>(
    `select created_at from "drizzle"."__drizzle_migrations" order by created_at desc limit 1`,
  );
  const newest = last.rows[0]?.created_at;
  const pending = migrations.filter((m) => newest == null || Number(newest) < m.folderMillis);
  if (pending.length === 0) return 0;
  try {
    await client.query(["BEGIN", ...pending.map(textOf), recordsOf(pending), "COMMIT"].join(";\n"));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw await nameTheFailure(client, migrationsFolder, migrations, pending, err);
  }
  return pending.length;
};

/** Runs the migrations one by one, rolled back, to find the one that fails. */
const nameTheFailure = async (
  client: pg.ClientBase,
  migrationsFolder: string,
  migrations: Migration[],
  pending: Migration[],
  batchError: unknown,
): Promise<Error> => {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  await client.query("BEGIN");
  try {
    for (const m of pending) {
      try {
        await client.query(textOf(m));
      } catch (err) {
        return new MigrationError(journal.entries[migrations.indexOf(m)]?.tag ?? `${m.folderMillis}`, err);
      }
    }
    return batchError instanceof Error ? batchError : new Error(String(batchError));
  } finally {
    await client.query("ROLLBACK").catch(() => {});
  }
};

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "MigrationError";
  }
}
