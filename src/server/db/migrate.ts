import { readFileSync } from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type pg from "pg";

/**
 * Applies the migrations drizzle-kit generated (`db/migrations`, its journal and its
 * `drizzle.__drizzle_migrations` table, exactly as Drizzle's own migrator reads and records
 * them), but sends each migration file as ONE query instead of one query per statement.
 * A fresh database takes ~525 statements: Drizzle's migrator made that 525 round trips, each
 * waiting for Node's event loop, which at start-up is busy building the app; this makes it one
 * per file (decision 031). As with Drizzle, the pending migrations run in one transaction, a
 * migration is pending when it is newer than the newest one recorded, and a failure leaves the
 * database as it was; the error names the migration that failed.
 */
export const applyMigrations = async (client: pg.ClientBase, migrationsFolder: string): Promise<number> => {
  const migrations = readMigrationFiles({ migrationsFolder });
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
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
  await client.query("BEGIN");
  try {
    for (const m of pending) {
      // Drizzle-kit ends each statement with ";" before its breakpoint; a hand-written one may
      // not, hence the ";" between them (an empty statement is harmless).
      const text = m.sql.join(";\n");
      try {
        await client.query(text);
      } catch (err) {
        throw new MigrationError(journal.entries[migrations.indexOf(m)]?.tag ?? `${m.folderMillis}`, err);
      }
    }
    // the records as Drizzle writes them: the file's sha256 and the journal's "when"
    await client.query(
      `insert into "drizzle"."__drizzle_migrations" ("hash", "created_at")
       select * from unnest($1::text[], $2::bigint[])`,
      [pending.map((m) => m.hash), pending.map((m) => m.folderMillis)],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
  return pending.length;
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
