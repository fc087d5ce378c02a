import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSchools } from "../modules/schools/schools.fixtures";
import { type Agent, createTestEnv, seedHub, signInAs, type TestEnv, type TestHub } from "../testing/harness";
import { type FreshnessEvent, freshnessOf } from "./freshness";
import { schools } from "./schema/index";

// Freshness by LISTEN/NOTIFY (decision 013): what this process keeps in memory (the school
// directory, the profiles, the sessions) is forgotten when the database says it changed,
// whoever changed it.
let env: TestEnv;
let hub: TestHub;
let admin: Agent;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "fresh");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  await seedSchools(env.db, hub.id, [
    { urn: 520001, name: "Tamsin Brook Primary School", town: "Oakhollow" },
    { urn: 520002, name: "Wrenfield Academy", phase: "secondary", town: "Oakhollow" },
  ]);
});
afterAll(async () => {
  await env?.close();
});

const listener = () => {
  const f = freshnessOf(env.db);
  if (!f) throw new Error("the test database does not listen");
  return f;
};

/** Resolves with the first notification `pick` accepts (rejects after `ms`). */
const heard = (pick: (event: FreshnessEvent) => boolean, ms = 5000) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const timer = setTimeout(() => {
      off();
      reject(new Error("no notification heard"));
    }, ms);
    const off = listener().subscribe((event) => {
      if (!pick(event)) return;
      clearTimeout(timer);
      off();
      resolve(performance.now() - started);
    });
  });

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * Another process: plain Node with its own connection, which runs each SQL line it is sent on
 * stdin and answers "done" once committed.
 */
const startWriter = async (): Promise<{ run: (sql: string) => Promise<void>; stop: () => Promise<void> }> => {
  const script = `
    import pg from "pg";
    import readline from "node:readline";
    const c = new pg.Client(JSON.parse(process.env.PGCONFIG));
    await c.connect();
    console.log("ready");
    for await (const line of readline.createInterface({ input: process.stdin })) {
      try { await c.query(JSON.parse(line)); console.log("done"); }
      catch (err) { console.log("failed " + err.message); }
    }
    await c.end();
  `;
  const { connectionString, host, port, user, password, database } = env.pool.options;
  const child: ChildProcess = spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PGCONFIG: JSON.stringify({ connectionString, host, port, user, password, database }),
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve) => {
      const line = lines.shift();
      if (line !== undefined) resolve(line);
      else waiting.push(resolve);
    });
  expect(await nextLine()).toBe("ready");
  return {
    run: async (sql) => {
      child.stdin?.write(`${JSON.stringify(sql)}\n`);
      expect(await nextLine()).toBe("done");
    },
    stop: async () => {
      child.stdin?.end();
      if (child.exitCode === null) await once(child, "exit");
    },
  };
};

describe("another process's writes", () => {
  it("show in this process's list, profile and sessions as soon as the notification is heard", async () => {
    const writer = await startWriter();
    try {
      await until(() => listener().live());
      const staff = await signInAs(env.app, hub.users.hub_staff.email);
      // Warm: the list, the profile and the session are now kept in memory.
      expect((await admin.get("/api/schools?q=wrenfield")).json<{ total: number }>().total).toBe(1);
      expect((await admin.get("/api/schools/520002")).json<{ pupils: number | null }>().pupils).toBeNull();
      expect((await staff.get("/api/me")).statusCode).toBe(200);

      const hubChanged = heard((e) => e === `hub:${hub.id}`);
      await writer.run("update schools set pupils = 640, name = 'Wrenfield Park Academy' where urn = 520002");
      await hubChanged;
      const listed = await admin.get("/api/schools?q=wrenfield");
      expect(listed.json<{ items: { name: string; pupils: number }[] }>().items).toEqual([
        expect.objectContaining({ name: "Wrenfield Park Academy", pupils: 640 }),
      ]);
      expect((await admin.get("/api/schools/520002")).json<{ pupils: number }>().pupils).toBe(640);

      const sessionsChanged = heard((e) => e === "sessions");
      await writer.run(`delete from sessions where user_id = '${hub.users.hub_staff.id}'`);
      await sessionsChanged;
      expect((await staff.get("/api/me")).statusCode).toBe(401);
    } finally {
      await writer.stop();
    }
  });

  it("take a membership change made elsewhere at once after its notification", async () => {
    const writer = await startWriter();
    try {
      await until(() => listener().live());
      const staff = await signInAs(env.app, hub.users.hub_staff.email);
      expect((await staff.get("/api/schools/export?format=csv")).statusCode).toBe(200);
      const changed = heard((e) => e === "sessions");
      await writer.run(
        `update memberships set role = 'school_user', school_id = '${hub.schoolId}' where user_id = '${hub.users.hub_staff.id}' and hub_id = '${hub.id}'`,
      );
      await changed;
      expect((await staff.get("/api/schools/export?format=csv")).statusCode).toBe(403);
      await writer.run(
        `update memberships set role = 'hub_staff', school_id = null where user_id = '${hub.users.hub_staff.id}' and hub_id = '${hub.id}'`,
      );
    } finally {
      await writer.stop();
    }
  });
});

describe("writes no regular expression would recognise", () => {
  it("a WITH … UPDATE shows in the list once heard", async () => {
    await until(() => listener().live());
    expect((await admin.get("/api/schools?q=tamsin")).json<{ items: { town: string }[] }>().items).toEqual([
      expect.objectContaining({ town: "Oakhollow" }),
    ]);
    const changed = heard((e) => e === `hub:${hub.id}`);
    await env.pool.query(
      "with moved as (update schools set town = 'Ashcombe' where urn = 520001 returning 1) select count(*) from moved",
    );
    await changed;
    expect((await admin.get("/api/schools?q=tamsin")).json<{ items: { town: string }[] }>().items).toEqual([
      expect.objectContaining({ town: "Ashcombe" }),
    ]);
  });
});

describe("when the listening connection is lost", () => {
  it("reads ask the database meanwhile, and listening resumes by itself", async () => {
    await until(() => listener().live());
    const pid = listener().backendPid();
    expect(pid).toBeTypeOf("number");
    expect((await admin.get("/api/schools/520001")).json<{ pupils: number | null }>().pupils).toBeNull();
    const other = new pg.Client({ ...env.pool.options });
    await other.connect();
    try {
      await other.query("select pg_terminate_backend($1)", [pid]);
      await until(() => !listener().live() || listener().backendPid() !== pid);
      // Listening may already be back (a new connection): either way nothing stale is served.
      await other.query("update schools set pupils = 210 where urn = 520001");
      if (!listener().live()) {
        expect((await admin.get("/api/schools/520001")).json<{ pupils: number }>().pupils).toBe(210);
      }
      await until(() => listener().live() && listener().backendPid() !== pid);
      const changed = heard((e) => e === `hub:${hub.id}`);
      await other.query("update schools set pupils = 211 where urn = 520001");
      await changed;
      expect((await admin.get("/api/schools/520001")).json<{ pupils: number }>().pupils).toBe(211);
    } finally {
      await other.end();
    }
    // The server kept serving throughout.
    const [row] = await env.db
      .select({ pupils: schools.pupils })
      .from(schools)
      .where(eq(schools.urn, 520001));
    expect(row?.pupils).toBe(211);
  });
});
