import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportJob } from "../../../shared/schemas/schools";
import { buildApp } from "../../app";
import { jobs } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { OWNER, STOPPED_REASON, sweepStaleJobs } from "./job-liveness";

// Issue 7 item 14: an import whose server was killed mid-way does not show "running" forever.
let env: TestEnv;
let hub: TestHub;
let admin: Agent;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "jobs");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
});
afterAll(async () => {
  await env?.close();
});

/** A running import job as a server leaves it: beating `secondsAgo` seconds ago. */
const runningJob = async (owner: string, secondsAgo: number | null) => {
  const [row] = await env.db
    .insert(jobs)
    .values({
      hubId: hub.id,
      kind: "gias-import",
      fileName: "edubasealldata.csv",
      totalBytes: 1000,
      processedBytes: 400,
      owner,
      heartbeatAt: secondsAgo === null ? null : sql`now() - make_interval(secs => ${secondsAgo})`,
      createdAt: sql`now() - interval '10 minutes'`,
    })
    .returning({ id: jobs.id });
  return row?.id ?? "";
};

const job = async (id: string) => (await admin.get(`/api/schools/imports/${id}`)).json<ImportJob>();

describe("the sweep of stopped jobs", () => {
  it("marks failed, with the reason, a running job whose owner stopped beating", async () => {
    const stale = await runningJob("gone-host:4242:deadbeef", 600);
    const never = await runningJob("older-server", null); // a row from before heartbeats
    expect((await job(stale)).status).toBe("running");
    expect(await sweepStaleJobs(env.db)).toBeGreaterThanOrEqual(2);
    const swept = await job(stale);
    expect(swept).toMatchObject({ status: "failed", error: STOPPED_REASON });
    expect(swept.finishedAt).not.toBeNull();
    expect((await job(never)).status).toBe("failed");
    // The import page lists it with the reason.
    const listed = (await admin.get("/api/schools/imports")).json<{ items: ImportJob[] }>().items;
    expect(listed.find((j) => j.id === stale)).toMatchObject({ status: "failed", error: STOPPED_REASON });
  });

  it("leaves a job whose owner is alive alone", async () => {
    const live = await runningJob(OWNER, 2);
    await sweepStaleJobs(env.db);
    expect((await job(live)).status).toBe("running");
    await env.db.update(jobs).set({ status: "succeeded" }).where(eq(jobs.id, live));
  });

  it("runs when a server starts", async () => {
    const stale = await runningJob("killed-host:77:0badf00d", 120);
    const app = await buildApp(env.deps, { serveWeb: false });
    try {
      await app.ready();
      const end = Date.now() + 5000;
      while ((await job(stale)).status === "running" && Date.now() < end)
        await new Promise((r) => setTimeout(r, 50));
      expect(await job(stale)).toMatchObject({ status: "failed", error: STOPPED_REASON });
    } finally {
      await app.close();
    }
  });

  it("gives a real import an owner and a heartbeat", async () => {
    const jobId = "5a1b2c3d-0000-4000-8000-000000000001";
    const b = "----tuttijobtest";
    const part = (name: string, value: string) =>
      `--${b}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = `${part("source", "music-data")}${part("jobId", jobId)}--${b}\r\ncontent-disposition: form-data; name="file"; filename="music.csv"\r\ncontent-type: text/csv\r\n\r\nURN,Academic year\r\n\r\n--${b}--\r\n`;
    await admin.request({
      method: "POST",
      url: "/api/schools/imports",
      payload,
      headers: { "content-type": `multipart/form-data; boundary=${b}` },
    });
    const [row] = await env.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(row?.owner).toBe(OWNER);
    expect(row?.heartbeatAt).toBeInstanceOf(Date);
  });

  it("fails the job of a server killed in the middle of an import", async () => {
    const jobId = "5a1b2c3d-0000-4000-8000-000000000002";
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("src/server/testing/import-then-hang.ts")],
      {
        env: {
          ...process.env,
          TEST_DB_URL: env.pool.options.connectionString,
          TEST_HUB: JSON.stringify({ id: hub.id, name: hub.name, slug: hub.slug }),
          TEST_JOB_ID: jobId,
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      let out = "";
      child.stdout?.on("data", (c: Buffer) => {
        out += c.toString();
      });
      const end = Date.now() + 20_000;
      while (!out.includes("started") && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain("started");
      const running = await job(jobId);
      expect(running.status).toBe("running");
      child.kill("SIGKILL");
      await once(child, "exit");
      // Its heartbeat stops; once older than the threshold (1 s here, 30 s in service), the sweep fails it.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await sweepStaleJobs(env.db, 1000)).toBeGreaterThanOrEqual(1);
      expect(await job(jobId)).toMatchObject({ status: "failed", error: STOPPED_REASON });
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 30_000);
});
