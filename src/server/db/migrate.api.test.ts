import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrationsFolder } from "./client";
import { applyMigrations, MigrationError } from "./migrate";
import { withDatabase } from "./sql-text";

/** Empty databases (no template): what a fresh install migrates. */
const admin = new pg.Client({ connectionString: inject("dbAdminUrl") });
const made: string[] = [];
const emptyDatabase = async (): Promise<pg.Client> => {
  const name = `tutti_t_${process.ppid}_${randomBytes(5).toString("hex")}`;
  await admin.query(`create database "${name}"`);
  made.push(name);
  const client = new pg.Client({ connectionString: withDatabase(inject("dbAdminUrl"), name) });
  await client.connect();
  return client;
};
const clients: pg.Client[] = [];
const fresh = async () => {
  const c = await emptyDatabase();
  clients.push(c);
  return c;
};
const records = async (c: pg.ClientBase) =>
  (
    await c.query<{ hash: string; created_at: string }>(
      `select hash, created_at from drizzle.__drizzle_migrations order by id`,
    )
  ).rows.map((r) => ({ hash: r.hash, when: Number(r.created_at) }));
const tables = async (c: pg.ClientBase) =>
  (
    await c.query<{ t: string }>(
      `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
    )
  ).rows.map((r) => r.t);

let tmp: string;
beforeAll(async () => {
  await admin.connect();
  tmp = mkdtempSync(path.join(os.tmpdir(), "tutti-migrations-"));
});
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => {});
  for (const name of made)
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
  await admin.end();
  rmSync(tmp, { recursive: true, force: true });
});

describe("applyMigrations: Drizzle's migrations, one query per file", () => {
  it("migrates an empty database, records every migration as Drizzle does, and applies nothing twice", async () => {
    const c = await fresh();
    const expected = readMigrationFiles({ migrationsFolder });
    expect(await applyMigrations(c, migrationsFolder)).toBe(expected.length);
    expect(await records(c)).toEqual(expected.map((m) => ({ hash: m.hash, when: m.folderMillis })));
    const made = await tables(c);
    expect(made).toEqual(expect.arrayContaining(["hubs", "schools", "cpd_events", "hub_topic_versions"]));
    expect(await applyMigrations(c, migrationsFolder)).toBe(0);
    expect((await records(c)).length).toBe(expected.length);
  });

  it("leaves a database the same as Drizzle's own migrator, and each finds the other's work done", async () => {
    const ours = await fresh();
    const theirs = await fresh();
    await applyMigrations(ours, migrationsFolder);
    await migrate(drizzle(theirs), { migrationsFolder });
    const shape = async (c: pg.ClientBase) =>
      (
        await c.query<{ d: string }>(
          `select string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, ''), ',' order by table_name, column_name) as d
             from information_schema.columns where table_schema = 'public'`,
        )
      ).rows[0]?.d;
    const triggers = async (c: pg.ClientBase) =>
      (
        await c.query<{ n: string }>(
          `select count(*)::text as n from pg_trigger t join pg_class r on r.oid = t.tgrelid
             join pg_namespace s on s.oid = r.relnamespace where s.nspname = 'public' and not t.tgisinternal`,
        )
      ).rows[0]?.n;
    expect(await shape(ours)).toBe(await shape(theirs));
    expect(await triggers(ours)).toBe(await triggers(theirs));
    expect(await records(ours)).toEqual(await records(theirs));
    // Drizzle's migrator over ours, ours over Drizzle's: nothing left to apply either way
    await migrate(drizzle(ours), { migrationsFolder });
    expect(await applyMigrations(theirs, migrationsFolder)).toBe(0);
    expect((await records(ours)).length).toBe((await records(theirs)).length);
  });

  it("applies only the migrations newer than the last one recorded", async () => {
    const folder = path.join(tmp, "partial");
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const all = journal.entries.length;
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, all - 3) }));
    const c = await fresh();
    expect(await applyMigrations(c, folder)).toBe(all - 3);
    expect(await applyMigrations(c, migrationsFolder)).toBe(3);
    expect((await records(c)).length).toBe(all);
  });

  it("names the migration that failed and leaves the database as it was", async () => {
    const folder = path.join(tmp, "broken");
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
      entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[];
    };
    const last = journal.entries[journal.entries.length - 1];
    if (!last) throw new Error("no migrations");
    const broken = { ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_broken" };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: [...journal.entries, broken] }));
    writeFileSync(
      path.join(folder, "9999_broken.sql"),
      `CREATE TABLE "broken_one" ("id" integer);--> statement-breakpoint\nALTER TABLE "no_such_table" ADD COLUMN "x" integer;`,
    );
    const c = await fresh();
    const failure = await applyMigrations(c, folder).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe("9999_broken");
    expect((failure as Error).message).toMatch(/migration 9999_broken failed: .*no_such_table/);
    // all or nothing, as with Drizzle: not even the migrations before the broken one stay
    expect(await tables(c)).toEqual([]);
    expect(await records(c)).toEqual([]);
    // the same database then takes the good migrations
    expect(await applyMigrations(c, migrationsFolder)).toBe(journal.entries.length);
  });
});
