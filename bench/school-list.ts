/**
 * School list benchmark: GET /api/schools (filtered, sorted, paged), then the profile
 * GET /api/schools/:urn, each at 50 concurrent clients.
 *
 *   npx tsx bench/school-list.ts [--schools 25000] [--clients 50] [--seconds 10]
 *                                [--only list|profile|me] [--server-prof]
 *   BENCH_PHASES=1 npx tsx bench/school-list.ts …   (per-phase and per-SQL timings of the app)
 *
 * Seeds 25,000 fictional schools into one hub (and 2,000 into each of three other hubs, so the
 * hub scope has something to skip) on an embedded PostgreSQL in a temporary directory. Three
 * processes then share the machine, so that none measures itself: this one (seeding, report),
 * the app (this file forked with `--serve`: buildApp + listen on a free loopback port, pool of
 * 20, as `tutti serve`), and the load generator (plain node:http with a keep-alive Agent of
 * `clients` sockets, in its own `node` process). It signs in as the hub admin and fires the list
 * with varied filters, sorts and pages for the given time after a 2 s warm-up, then the profile.
 * Reports p50/p95/p99 latency, requests/s, and the CPU each process used (app, load generator,
 * PostgreSQL from /proc). `--server-prof` writes a V8 CPU profile of the app to bench/out/.
 * Target (DESIGN.md): p95 under 50 ms.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import type { Config } from "../src/server/config.ts";
import { type Db, migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import { areas, schools } from "../src/server/db/schema/index.ts";
import { addUserToHub, createHub } from "../src/server/modules/hubs/hubs.service.ts";
import { systemActor } from "../src/server/platform/actor.ts";
import type { Deps } from "../src/server/platform/context.ts";
import { createMailer } from "../src/server/platform/mailer.ts";
import { createLocalFileStore } from "../src/server/platform/storage.ts";
import { PHASES } from "../src/shared/rules/phase.ts";
import { createRng } from "../src/shared/rules/prng.ts";
import { SESSION_COOKIE } from "../src/shared/schemas/auth.ts";

const PASSWORD = "bench-password-123";
const TOWNS = [
  "Ashbury",
  "Bramford",
  "Carrow",
  "Dunmere",
  "Elmstead",
  "Fenwick",
  "Glenholm",
  "Hartwell",
  "Ivybridge Vale",
  "Kingsmoor",
];
export const WORDS = [
  "Oak",
  "Ash",
  "Brook",
  "Hill",
  "Meadow",
  "Park",
  "St Fictional",
  "Church",
  "Green",
  "Valley",
  "Lane",
  "Field",
];
export const LAS = ["901", "902", "903", "904", "905", "906"];

export const seedHub = async (db: Db, slug: string, n: number, urnBase: number, seed: number) => {
  const rng = createRng(seed);
  const hub = await createHub(db, { name: `Bench ${slug}`, slug, laCodes: LAS });
  const areaRows = await db
    .insert(areas)
    .values(Array.from({ length: 8 }, (_, i) => ({ hubId: hub.id, name: `Area ${i + 1}` })))
    .returning({ id: areas.id });
  const { user } = await addUserToHub(db, systemActor(hub), {
    email: `admin@${slug}.test`,
    name: "Bench Admin",
    role: "hub_admin",
    password: PASSWORD,
  });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;
  for (let i = 0; i < n; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - i) }, (_, j) => {
      const k = i + j;
      const town = pick(TOWNS);
      return {
        hubId: hub.id,
        urn: urnBase + k,
        laCode: pick(LAS),
        laName: "Fictional LA",
        name: `${pick(WORDS)} ${pick(WORDS)} ${pick(["Primary School", "Academy", "Infant School", "High School", "School"])} ${k}`,
        phase: pick(PHASES),
        status: rng.next() < 0.85 ? ("open" as const) : ("closed" as const),
        town,
        postcode: `FX${1 + Math.floor(rng.next() * 20)} ${Math.floor(rng.next() * 9)}AB`,
        pupils: Math.floor(rng.next() * 1500),
        percentFsm: Math.round(rng.next() * 6000) / 100,
        trust: rng.next() < 0.4 ? `Fictional Trust ${Math.floor(rng.next() * 40)}` : null,
        areaId: rng.next() < 0.9 ? pick(areaRows).id : null,
        areaSource: "rule" as const,
        linkOfficerId: rng.next() < 0.5 ? user.id : null,
        tags: rng.next() < 0.2 ? ["wcet"] : [],
        easting: 400000 + Math.floor(rng.next() * 50000),
        northing: 300000 + Math.floor(rng.next() * 50000),
        source: "demo",
      };
    });
    await db.insert(schools).values(rows);
  }
  return { hub, areaIds: areaRows.map((a) => a.id) };
};

/**
 * The load generator, as plain JavaScript for its own process (`node loadgen.cjs`, no loader):
 * node:http with one keep-alive Agent of `clients` sockets, each client a loop of requests for
 * warm-up + run time (bounded), loopback only. Reports latencies and its own CPU time.
 */
export const LOADGEN = `
const http = require("node:http");
process.once("message", async ({ port, cookie, urls, clients, warmupMs, runMs, forwardedFor }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  let sent = 0;
  const get = (path) => new Promise((resolve, reject) => {
    const headers = { cookie };
    // A different client address for each request (with BENCH_TRUST_PROXY on the app's side).
    if (forwardedFor) { sent++; headers["x-forwarded-for"] = "10." + ((sent >> 16) & 255) + "." + ((sent >> 8) & 255) + "." + (sent & 255); }
    const req = http.get({ host: "127.0.0.1", port, path, agent, headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  const lat = [];
  let errors = 0, done = 0, firstError = null, next = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + runMs;
  let cpu0 = null;
  const client = async () => {
    while (performance.now() < end) {
      const url = urls[next++ % urls.length];
      const t = performance.now();
      if (cpu0 === null && t >= measureFrom) cpu0 = process.cpuUsage();
      try {
        const status = await get(url);
        if (status !== 200) { errors++; firstError ??= status + " " + url; }
      } catch (e) { errors++; firstError ??= String(e); }
      if (t >= measureFrom) { lat.push(performance.now() - t); done++; }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const cpu = process.cpuUsage(cpu0 ?? undefined);
  agent.destroy();
  process.send({ lat, errors, done, firstError, seconds: runMs / 1000, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
});
`;

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

type ServerMessage =
  | { type: "listening"; port: number }
  | { type: "stats"; cpuMs: number; phases: string; rssMb: number }
  | { type: "closed" };

/**
 * The app in its own process (this file run with `--serve`, through the same tsx loader):
 * buildApp + listen on the database the parent seeded, pool of 20 as `tutti serve` has.
 * `BENCH_PHASES=1` adds hooks that time each request's phases (reply.elapsedTime at
 * preHandler / preSerialization / onSend / onResponse) and every SQL statement by shape.
 */
const serveMain = async (): Promise<void> => {
  const send = (m: ServerMessage) => process.send?.(m);
  const databaseUrl = process.env.BENCH_SERVE_URL;
  const dataDir = process.env.BENCH_SERVE_DIR;
  if (!databaseUrl || !dataDir) throw new Error("--serve needs BENCH_SERVE_URL and BENCH_SERVE_DIR");
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 20 });
  const mailer = createMailer(database.db, { smtpUrl: undefined, from: "Tutti <bench@tutti.invalid>" });
  const config: Config = {
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl,
    sessionSecret: "bench-secret-bench-secret-bench-secret-01",
    smtpUrl: undefined,
    mailFrom: "Tutti <bench@tutti.invalid>",
    publicUrl: "http://127.0.0.1",
    env: "production",
    demoPassword: "bench-demo-password",
    sessionDays: 14,
    maxUploadBytes: 100 * 1024 * 1024,
    logLevel: "silent",
    // BENCH_TRUST_PROXY=1 (the CPD catalogue bench): each public request comes "from" its own
    // X-Forwarded-For address, so the public rate limit stays on without refusing the bench.
    trustProxy: process.env.BENCH_TRUST_PROXY === "1" ? 1 : false,
  };
  const deps: Deps = {
    db: database.db,
    dbKind: "embedded",
    config,
    mailer,
    files: createLocalFileStore(path.join(dataDir, "files")),
    clock: () => new Date(),
  };

  // Optional phase timing (sums in ms, per route and per SQL shape).
  const phases = new Map<string, { n: number; sum: number }>();
  const add = (key: string, ms: number) => {
    const e = phases.get(key) ?? { n: 0, sum: 0 };
    e.n++;
    e.sum += ms;
    phases.set(key, e);
  };
  const timing = process.env.BENCH_PHASES === "1";
  if (timing) {
    // Every statement, in a transaction or not: the clients' query, timed from send to answer.
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const clientQuery = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      const text = typeof first === "string" ? first : (first?.text ?? "?");
      const t = performance.now();
      const p = clientQuery.apply(this, args);
      if (p && typeof (p as Promise<unknown>).then === "function")
        (p as Promise<unknown>).then(
          () => add(`tx ${text.replace(/\s+/g, " ").slice(0, 90)}`, performance.now() - t),
          () => add(`tx ${text.replace(/\s+/g, " ").slice(0, 90)}`, performance.now() - t),
        );
      return p;
    };
    const poolQuery = database.pool.query.bind(database.pool) as (...a: unknown[]) => Promise<unknown>;
    (database.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text: string };
      const text = typeof first === "string" ? first : first.text;
      const t = performance.now();
      const p = poolQuery(...args);
      const shape = `sql ${text.replace(/\s+/g, " ").slice(0, 90)}`;
      return p.then(
        (r) => {
          add(shape, performance.now() - t);
          return r;
        },
        (e: unknown) => {
          add(shape, performance.now() - t);
          throw e;
        },
      );
    };
  }
  const app = await buildApp(deps, { serveWeb: false, logger: false });
  if (timing) {
    const key = (req: { routeOptions: { url?: string } }) => req.routeOptions.url ?? "?";
    const mark = new WeakMap<object, number>();
    app.addHook("preHandler", async (req, reply) => {
      add(`${key(req)} 1 start→preHandler (session, routing, validation)`, reply.elapsedTime);
      mark.set(req, reply.elapsedTime);
    });
    app.addHook("preSerialization", async (req, reply) => {
      add(`${key(req)} 2 handler (service, queries, presenter)`, reply.elapsedTime - (mark.get(req) ?? 0));
      mark.set(req, reply.elapsedTime);
    });
    app.addHook("onSend", async (req, reply) => {
      add(`${key(req)} 3 serialisation`, reply.elapsedTime - (mark.get(req) ?? 0));
    });
    app.addHook("onResponse", async (req, reply) => add(`${key(req)} 4 total`, reply.elapsedTime));
  }
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  let cpu0 = process.cpuUsage();
  process.on("message", async (m: { type: string }) => {
    if (m.type === "mark") {
      cpu0 = process.cpuUsage();
      phases.clear();
    } else if (m.type === "stats") {
      const cpu = process.cpuUsage(cpu0);
      const lines = [...phases.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(
          ([k, v]) => `    ${(v.sum / v.n).toFixed(2).padStart(8)} ms avg × ${String(v.n).padStart(6)}  ${k}`,
        );
      send({
        type: "stats",
        cpuMs: (cpu.user + cpu.system) / 1000,
        phases: lines.join("\n"),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
      });
    } else if (m.type === "close") {
      await app.close();
      mailer.close();
      await database.close({ stopEmbedded: false });
      send({ type: "closed" });
      process.disconnect();
    }
  });
  send({ type: "listening", port: address.port });
};

/**
 * CPU time (ms) of each process of the embedded PostgreSQL of `dataDir` (its postmaster and
 * backends), by pid, from /proc: to show where the cores went. Linux only; empty elsewhere or
 * for an external server.
 */
const postgresCpu = (dataDir: string): Map<number, number> => {
  const out = new Map<number, number>();
  try {
    const tick = 10; // USER_HZ 100
    const stats = new Map<number, { ppid: number; ms: number; comm: string }>();
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        const fields = stat.slice(close + 2).split(" ");
        stats.set(Number(pid), {
          comm: stat.slice(stat.indexOf("(") + 1, close),
          ppid: Number(fields[1]),
          ms: (Number(fields[11]) + Number(fields[12])) * tick,
        });
      } catch {}
    }
    for (const [pid, s] of stats) {
      if (s.comm !== "postgres") continue;
      const postmaster = stats.get(s.ppid)?.comm === "postgres" ? s.ppid : pid;
      try {
        if (readFileSync(`/proc/${postmaster}/cmdline`, "utf8").includes(dataDir)) out.set(pid, s.ms);
      } catch {}
    }
  } catch {}
  return out;
};

/** CPU ms the embedded server spent between two snapshots (processes alive at the second). */
const postgresCpuSince = (dataDir: string, before: Map<number, number>): number => {
  let total = 0;
  for (const [pid, ms] of postgresCpu(dataDir)) total += ms - (before.get(pid) ?? 0);
  return total;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      schools: { type: "string", default: "25000" },
      clients: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
      only: { type: "string" },
      "server-prof": { type: "boolean", default: false },
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-list-"));
  const database = await openDatabase({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    dataDir,
    database: "tutti_bench",
    poolSize: 4,
  });
  let server: ChildProcess | undefined;
  try {
    await migrateDatabase(database.pool);
    const t0 = performance.now();
    const tag = Date.now().toString(36);
    const main = await seedHub(database.db, `list-${tag}`, Number(values.schools), 100000, 1);
    for (let h = 0; h < 3; h++)
      await seedHub(database.db, `other${h}-${tag}`, 2000, 500000 + h * 10000, 2 + h);
    await database.pool.query("vacuum analyze");
    process.stdout.write(
      `seeded ${values.schools} schools (+3 × 2,000 in other hubs) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    // The app in its own process.
    const profDir = path.join("bench", "out", `school-list-prof-${tag}`);
    server = fork(fileURLToPath(import.meta.url), ["--serve"], {
      env: { ...process.env, BENCH_SERVE_URL: database.url, BENCH_SERVE_DIR: dataDir },
      execArgv: [
        ...process.execArgv,
        ...(values["server-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []),
      ],
    });
    const child = server;
    const nextMessage = <T extends ServerMessage["type"]>(type: T) =>
      new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
        const onMessage = (m: ServerMessage) => {
          if (m.type !== type) return;
          child.off("message", onMessage);
          child.off("exit", onExit);
          resolve(m as Extract<ServerMessage, { type: T }>);
        };
        const onExit = (code: number | null) => reject(new Error(`server process exited (${code})`));
        child.on("message", onMessage);
        child.once("exit", onExit);
      });
    const { port } = await nextMessage("listening");
    const base = `http://127.0.0.1:${port}`;

    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `admin@list-${tag}.test`, password: PASSWORD }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const token = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.split(";")[0];
    if (!token) throw new Error("no session cookie");

    const rng = createRng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;
    const sorts = ["name", "urn", "phase", "pupils", "percentFsm", "town", "area", "status", "laCode"];
    const urls = Array.from({ length: 500 }, () => {
      const p = new URLSearchParams();
      p.set("sort", pick(sorts));
      p.set("dir", pick(["asc", "desc"]));
      p.set("page", String(1 + Math.floor(rng.next() * 20)));
      p.set("pageSize", pick(["25", "50"]));
      const r = rng.next();
      if (r < 0.25) p.set("q", pick(WORDS).toLowerCase());
      else if (r < 0.45) p.set("phase", pick(PHASES));
      else if (r < 0.6) p.set("area", pick(main.areaIds));
      else if (r < 0.7) p.set("la", pick(LAS));
      else if (r < 0.8) p.set("status", "open");
      else if (r < 0.85) p.set("q", String(100000 + Math.floor(rng.next() * Number(values.schools))));
      return `/api/schools?${p.toString()}`;
    });

    // The profile: GET /api/schools/:urn for schools all over the hub.
    const profileUrls = Array.from(
      { length: 500 },
      () => `/api/schools/${100000 + Math.floor(rng.next() * Number(values.schools))}`,
    );

    const loadgenFile = path.join(dataDir, "loadgen.cjs");
    writeFileSync(loadgenFile, LOADGEN);
    const clients = Number(values.clients);
    const runMs = Number(values.seconds) * 1000;
    const warmupMs = 2000;
    const measure = async (label: string, targets: string[]) => {
      const gen = fork(loadgenFile, [], { execArgv: [] });
      const result = new Promise<{
        lat: number[];
        errors: number;
        done: number;
        firstError: string | null;
        seconds: number;
        cpuMs: number;
      }>((resolve, reject) => {
        gen.once("message", resolve);
        gen.once("error", reject);
        gen.once("exit", (code) => reject(new Error(`load generator exited (${code})`)));
      });
      gen.send({ port, cookie: token, urls: targets, clients, warmupMs, runMs });
      await new Promise((r) => setTimeout(r, warmupMs));
      child.send({ type: "mark" });
      const pg0 = postgresCpu(dataDir);
      const r = await result;
      const pgMs = postgresCpuSince(dataDir, pg0);
      child.send({ type: "stats" });
      const stats = await nextMessage("stats");
      const sorted = r.lat.sort((a, b) => a - b);
      const f = (n: number) => `${n.toFixed(1)} ms`;
      const pct = (ms: number) => `${Math.round((ms / (r.seconds * 1000)) * 100)}%`;
      process.stdout.write(
        `${label}, ${clients} clients, ${r.seconds} s (${os.cpus().length} CPUs, load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}, ${database.kind} PostgreSQL)\n` +
          `  requests ${r.done}  errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ""}\n` +
          `  req/s    ${Math.round(r.done / r.seconds)}\n` +
          `  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? 0)}\n` +
          `  CPU: app process ${pct(stats.cpuMs)}, load generator ${pct(r.cpuMs)}, postgres ${pct(pgMs)} (of one core); per request: app ${(stats.cpuMs / r.done).toFixed(2)} ms, postgres ${(pgMs / r.done).toFixed(2)} ms\n` +
          `  app RSS ${stats.rssMb} MB (the hub's directory, its sorted views and kept lists, the kept profiles)\n` +
          (stats.phases ? `  phases (BENCH_PHASES=1):\n${stats.phases}\n` : "") +
          `  target p95 < 50 ms → ${percentile(sorted, 95) < 50 ? "met" : "NOT met"}\n`,
      );
    };
    const only = values.only;
    if (only === undefined || only === "list") await measure("GET /api/schools", urls);
    if (only === undefined || only === "profile") await measure("GET /api/schools/:urn", profileUrls);
    // The floor: an authenticated route that does nothing but resolve the session.
    if (only === "me") await measure("GET /api/me", ["/api/me"]);
    child.send({ type: "close" });
    await nextMessage("closed");
    if (values["server-prof"]) process.stdout.write(`app CPU profile in ${profDir}\n`);
  } finally {
    if (server && server.exitCode === null) {
      await new Promise((r) => {
        server?.once("exit", r);
        setTimeout(() => {
          server?.kill();
          r(null);
        }, 5000);
      });
    }
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (process.argv.includes("--serve")) {
  serveMain().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
