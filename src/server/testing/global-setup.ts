import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../db/client";
import { startEmbedded } from "../db/embedded";
import { withDatabase } from "../db/sql-text";

declare module "vitest" {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
    dbKind: "embedded" | "external";
  }
}

/**
 * API tests run against a real PostgreSQL: TEST_DATABASE_URL when set (CI's server), otherwise
 * an embedded server in a temporary data dir. The schema is migrated once into a template
 * database; each test file then gets its own copy (`create database … template …`).
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  let stop: (() => Promise<void>) | undefined;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-test-pg-"));
    const server = await startEmbedded({ dataDir });
    adminUrl = server.url("postgres");
    stop = server.stop;
  }
  const template = `tutti_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 2 });
  await migrateDatabase(pool);
  await pool.end();
  project.provide("dbAdminUrl", adminUrl);
  project.provide("dbTemplate", template);
  project.provide("dbKind", external ? "external" : "embedded");

  return async () => {
    // Drop what the run made (test files drop their own; this catches leftovers).
    const res = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like $1 or datname = $2",
      [`tutti_t_${process.pid}_%`, template],
    );
    for (const r of res.rows)
      await admin.query(`drop database if exists "${r.datname}" with (force)`).catch(() => {});
    await admin.end();
    if (stop) await stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
