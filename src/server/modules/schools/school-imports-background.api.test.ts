import { randomBytes, randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubs, memberships, schools } from "../../db/schema/index";
import { appJobs } from "../../jobs";
import { startWorker } from "../../platform/jobs";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { buildGiasCsv } from "./gias/gias-fixtures";

let env: TestEnv;

beforeAll(async () => {
  // No worker at first: an import queued while none runs waits in the queue, not in a request.
  env = await createTestEnv();
});
afterAll(() => env.close());

const multipart = (fields: Record<string, string>, file: { name: string; body: Buffer }) => {
  const boundary = `----tutti${randomBytes(8).toString("hex")}`;
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    ),
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`,
    ),
    file.body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
};

const uploadInBackground = (agent: Agent, body: Buffer, fields: Record<string, string> = {}) =>
  agent.request({
    method: "POST",
    url: "/api/schools/imports",
    ...multipart({ source: "gias", background: "true", ...fields }, { name: "edubasealldata.csv", body }),
  });

const row = (urn: number, extra: Partial<Record<string, string>> = {}) => ({
  URN: String(urn),
  "LA (code)": "931",
  "LA (name)": "Fictional Vale",
  EstablishmentName: `Fictional School ${urn}`,
  ...extra,
});

const freshHub = async (label: string): Promise<{ hub: TestHub; admin: Agent }> => {
  const hub = await seedHub(env.db, label);
  return { hub, admin: await signInAs(env.app, hub.users.hub_admin.email) };
};

const schoolCount = async (hubId: string) =>
  (await env.db.select({ id: schools.id }).from(schools).where(eq(schools.hubId, hubId))).length;

const storedUploads = async () => readdir(env.deps.files.pathOf("imports")).catch(() => [] as string[]);

/** Runs a worker until `done` holds for the job row. */
const withWorker = async (admin: Agent, jobId: string, done: (status: string) => boolean) => {
  const worker = await startWorker(env.deps, appJobs(), { url: env.url, pollIntervalMs: 200 });
  try {
    for (let i = 0; i < 200; i++) {
      const job = (await admin.get(`/api/schools/imports/${jobId}`)).json();
      if (done(job.status)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the import job did not finish");
  } finally {
    await worker.stop();
  }
};

describe("imports as background jobs", () => {
  it("answers 202 with the queued row; a worker imports the kept file later and the row ends with the summary", async () => {
    const { hub, admin } = await freshHub("bg");
    const before = await schoolCount(hub.id);
    const jobId = randomUUID();
    const res = await uploadInBackground(
      admin,
      buildGiasCsv(Array.from({ length: 40 }, (_, i) => row(910000 + i))),
      { jobId },
    );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id: jobId, kind: "gias-import", status: "queued", rowsRead: 0 });
    expect(await storedUploads()).toHaveLength(1);
    // Nothing is imported while no worker runs, and the row stays queued for the web to poll.
    await new Promise((r) => setTimeout(r, 300));
    expect((await admin.get(`/api/schools/imports/${jobId}`)).json().status).toBe("queued");
    expect(await schoolCount(hub.id)).toBe(before);

    const job = await withWorker(admin, jobId, (s) => s === "succeeded" || s === "failed");
    expect(job).toMatchObject({
      status: "succeeded",
      rowsRead: 40,
      result: { created: 40, updated: 0, unchanged: 0, closed: 0, skipped: 0, errors: [] },
      error: null,
    });
    expect(job.finishedAt).not.toBeNull();
    expect(await schoolCount(hub.id)).toBe(before + 40);
    expect(await storedUploads()).toEqual([]);
    const list = (await admin.get("/api/schools/imports")).json();
    expect(list.items.map((j: { id: string }) => j.id)).toContain(jobId);
  });

  it("records a refused file on the row as failed, with where it went wrong, and changes nothing", async () => {
    const { hub, admin } = await freshHub("bg-bad");
    const before = await schoolCount(hub.id);
    const res = await uploadInBackground(admin, buildGiasCsv([row(911001), { ...row(911002), URN: "abc" }]));
    expect(res.statusCode).toBe(202);
    const job = await withWorker(admin, res.json().id, (s) => s === "succeeded" || s === "failed");
    expect(job).toMatchObject({ status: "failed", error: 'Row 3, column URN: URN "abc" is not 6 digits' });
    expect(job.result.errors).toHaveLength(1);
    expect(await schoolCount(hub.id)).toBe(before);
  });

  it("refuses a file that is not CSV at once, keeping and queuing nothing", async () => {
    const { admin } = await freshHub("bg-png");
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(64)]);
    const res = await uploadInBackground(admin, png);
    expect(res.statusCode).toBe(415);
    expect((await admin.get("/api/schools/imports")).json().items).toEqual([]);
    expect(await storedUploads()).toEqual([]);
  });

  it("does not import for someone who lost access before the job ran", async () => {
    const { hub } = await freshHub("bg-gone");
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    const res = await uploadInBackground(staff, buildGiasCsv([row(912001)]));
    expect(res.statusCode).toBe(202);
    await env.db
      .update(memberships)
      .set({ role: "school_user", schoolId: hub.schoolId })
      .where(and(eq(memberships.userId, hub.users.hub_staff.id), eq(memberships.hubId, hub.id)));
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const job = await withWorker(admin, res.json().id, (s) => s === "succeeded" || s === "failed");
    expect(job).toMatchObject({ status: "failed", error: expect.stringMatching(/can no longer import/) });
    expect(await schoolCount(hub.id)).toBe(1);
  });

  it("asks for the hub's LAs at once, as without background, when the hub covers none yet", async () => {
    const { hub, admin } = await freshHub("bg-las");
    await env.db.update(hubs).set({ laCodes: [] }).where(eq(hubs.id, hub.id));
    const file = buildGiasCsv([
      row(914001),
      row(914002, { "LA (code)": "932", "LA (name)": "Fictional Wold" }),
    ]);
    const res = await uploadInBackground(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.laOptions.map((o: { code: string }) => o.code)).toEqual(["931", "932"]);
    expect(await storedUploads()).toEqual([]);

    const queued = await uploadInBackground(admin, file, { laCodes: "932" });
    expect(queued.statusCode).toBe(202);
    const job = await withWorker(admin, queued.json().id, (s) => s === "succeeded" || s === "failed");
    expect(job).toMatchObject({ status: "succeeded", result: { created: 1, skipped: 1 } });
  });

  it("refuses a background import from a school user", async () => {
    const { hub } = await freshHub("bg-school");
    const school = await signInAs(env.app, hub.users.school_user.email);
    const res = await uploadInBackground(school, buildGiasCsv([row(913001)]));
    expect(res.statusCode).toBe(403);
  });
});
