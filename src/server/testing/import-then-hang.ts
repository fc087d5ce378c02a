import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "../db/client";
import { importGias } from "../modules/schools/school-imports.service";
import { systemActor } from "../platform/actor";
import type { ServiceContext } from "../platform/context";
import { createMailer } from "../platform/mailer";
import { createLocalFileStore } from "../platform/storage";

/**
 * A server process for fault tests (job-liveness.api.test.ts): starts a GIAS import whose file
 * never ends, says "started" once the job row exists, and waits to be killed.
 * Environment: TEST_DB_URL, TEST_HUB (JSON id/name/slug), TEST_JOB_ID.
 */
const pool = new pg.Pool({ connectionString: process.env.TEST_DB_URL, max: 2 });
pool.on("error", () => {});
const db = createDb(pool);
const hub = JSON.parse(process.env.TEST_HUB ?? "{}") as { id: string; name: string; slug: string };
const ctx: ServiceContext = {
  actor: systemActor(hub),
  db,
  rootDb: db,
  clock: () => new Date(),
  mailer: createMailer(db, { smtpUrl: undefined, from: "tutti@example.invalid" }),
  files: createLocalFileStore(path.join(os.tmpdir(), "tutti-hang-files")),
  config: { publicUrl: "http://localhost", sessionDays: 14, maxUploadBytes: 1_000_000 },
};

async function* neverEnding(): AsyncIterable<Buffer> {
  console.log("started");
  yield Buffer.from("URN,LA (code),EstablishmentName\r\n");
  await new Promise(() => {});
}

importGias(ctx, {
  stream: neverEnding(),
  fileName: "edubasealldata.csv",
  jobId: process.env.TEST_JOB_ID,
}).catch((err: Error) => console.log(`failed ${err.message}`));
