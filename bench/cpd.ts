/**
 * CPD benchmarks (issue 12), never run by `npm test`:
 *  (a) 200 clients book the last 50 places of one event at the same moment, over HTTP: never
 *      overbooked, exactly 50 answered 201 and 150 answered 409 `full`, each answered within
 *      2 s; p50/p95/max reported;
 *  (b) the public catalogue `GET /api/public/hubs/:slug/cpd` with 2,000 events in the hub, at 50
 *      clients for `--seconds` (varied filters and pages): p50/p95, req/s (target p95 < 50 ms).
 * The app runs in its own process (school-list.ts --serve: buildApp + listen, pool of 20) and the
 * load in another (node:http, one keep-alive socket per client, opened before the rush), as in
 * the other benches: a load generator in the app's own event loop would be timed as the app.
 * Embedded PostgreSQL in a temporary directory, or BENCH_DATABASE_URL.
 *
 *   npx tsx bench/cpd.ts [--clients 200] [--last 50] [--events 2000] [--seconds 10]
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import { cpdBookings, cpdEvents, cpdPlaces, cpdSessions, schools } from "../src/server/db/schema/index.ts";
import { addUserToHub, createHub } from "../src/server/modules/hubs/hubs.service.ts";
import { systemActor } from "../src/server/platform/actor.ts";
import { FOCUS_AREAS } from "../src/shared/rules/focus-areas.ts";
import { createRng } from "../src/shared/rules/prng.ts";
import { CPD_KINDS } from "../src/shared/schemas/cpd.ts";
import { LOADGEN } from "./school-list.ts";

/**
 * The rush, in its own process: opens one keep-alive socket per client (a GET of /api/health
 * each), then sends every booking at once and answers each one's status, error code and time.
 */
const RUSH = `
const http = require("node:http");
process.once("message", async ({ port, headers, path, bodies }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: bodies.length });
  const request = (method, p, body) => new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: p, method, agent,
      headers: body ? { ...headers, "content-length": Buffer.byteLength(body) } : headers }, (res) => {
      let text = "";
      res.on("data", (d) => { text += d; });
      res.on("end", () => resolve({ status: res.statusCode, text, ms: performance.now() - t }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
  await Promise.all(bodies.map(() => request("GET", "/api/health")));
  const t0 = performance.now();
  const results = await Promise.all(bodies.map((b) => request("POST", path, JSON.stringify(b))));
  const wall = performance.now() - t0;
  agent.destroy();
  process.send({ wall, results: results.map((r) => {
    let code; try { code = JSON.parse(r.text).error?.code; } catch {}
    return { status: r.status, code, ms: r.ms };
  }) }, () => process.exit(0));
});
`;

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "200" },
    last: { type: "string", default: "50" },
    events: { type: "string", default: "2000" },
    seconds: { type: "string", default: "10" },
    "catalogue-clients": { type: "string", default: "50" },
  },
});
const CLIENTS = Number(values.clients);
const LAST = Number(values.last);
const EVENTS = Number(values.events);
const SECONDS = Number(values.seconds);
const CATALOGUE_CLIENTS = Number(values["catalogue-clients"]);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const main = async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-cpd-"));
  const database = await openDatabase({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    dataDir,
    database: "tutti_bench_cpd",
    poolSize: 20,
  });
  let stopServer = () => {};
  try {
    await migrateDatabase(database.pool);
    const db = database.db;
    const tag = Date.now().toString(36);
    const hub = await createHub(db, { name: `Bench hub ${tag}`, slug: `bench-cpd-${tag}`, laCodes: ["931"] });
    const actor = systemActor(hub);
    const schoolRows = Array.from({ length: 200 }, (_, i) => ({
      hubId: hub.id,
      urn: 700000 + i,
      laCode: "931",
      name: `Bench School ${i}`,
      phase: i % 3 ? "primary" : "secondary",
      status: "open" as const,
      source: "manual",
    }));
    await db.insert(schools).values(schoolRows);
    await addUserToHub(db, actor, {
      email: `staff@${tag}.bench`,
      name: "Bench Staff",
      role: "hub_staff",
      password: "bench-password-123",
    });
    const server: ChildProcess = fork(
      fileURLToPath(new URL("./school-list.ts", import.meta.url)),
      ["--serve"],
      {
        env: {
          ...process.env,
          BENCH_SERVE_URL: database.url,
          BENCH_SERVE_DIR: dataDir,
          BENCH_TRUST_PROXY: "1",
        },
        // BENCH_SERVER_PROF=1: a V8 CPU profile of the app in bench/out/cpd-prof.
        execArgv: [
          ...process.execArgv,
          ...(process.env.BENCH_SERVER_PROF === "1"
            ? ["--cpu-prof", "--cpu-prof-dir=bench/out/cpd-prof"]
            : []),
        ],
      },
    );
    stopServer = () => {
      if (server.exitCode === null) server.kill("SIGKILL");
    };
    const port = await new Promise<number>((resolve, reject) => {
      server.on("message", (m: { type: string; port?: number }) => {
        if (m.type === "listening" && m.port) resolve(m.port);
      });
      server.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const forked = <T>(script: string, message: unknown): Promise<T> => {
      const file = path.join(dataDir, `${script === RUSH ? "rush" : "loadgen"}.cjs`);
      writeFileSync(file, script);
      const child = fork(file, [], { execArgv: [] });
      return new Promise<T>((resolve, reject) => {
        child.once("message", (m) => resolve(m as T));
        child.once("exit", (code) => reject(new Error(`load generator exited (${code})`)));
        child.send(message as Parameters<typeof child.send>[0]);
      });
    };

    // Sign in as hub staff.
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `staff@${tag}.bench`, password: "bench-password-123" }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { "content-type": "application/json", cookie, "x-csrf-token": csrfToken };
    const post = (url: string, body: unknown) =>
      fetch(`${base}${url}`, { method: "POST", headers, body: JSON.stringify(body) });

    // (a) The last places.
    const start = new Date(Date.now() + 30 * 86_400_000);
    const created = await post("/api/cpd/events", {
      title: "Bench twilight",
      kind: "twilight",
      capacity: LAST * 2,
      pricePence: 2500,
      status: "published",
      sessions: [
        { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 5_400_000).toISOString() },
      ],
    });
    const event = (await created.json()) as { id: string };
    const pre = await post(`/api/cpd/events/${event.id}/bookings`, {
      urn: 700000,
      attendees: Array.from({ length: LAST }, (_, i) => ({
        name: `Early ${i}`,
        email: `early${i}@bench.test`,
      })),
    });
    if (pre.status !== 201) throw new Error(`pre-booking failed: ${pre.status} ${await pre.text()}`);
    // One booking at a time first (another event): the service time under no contention.
    const solo = await post("/api/cpd/events", {
      title: "Bench solo",
      kind: "twilight",
      capacity: 100,
      pricePence: 2500,
      status: "published",
      sessions: [
        { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 5_400_000).toISOString() },
      ],
    });
    const soloId = ((await solo.json()) as { id: string }).id;
    const one: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await post(`/api/cpd/events/${soloId}/bookings`, {
        urn: 700000 + i,
        attendees: [{ name: `Solo ${i}`, email: `solo${i}@bench.test` }],
      });
      await res.arrayBuffer();
      one.push(performance.now() - t);
    }
    process.stdout.write(`(a) one booking at a time: p50 ${ms(pct(one, 50))}, max ${ms(Math.max(...one))}\n`);
    const { wall, results } = await forked<{
      wall: number;
      results: { status: number; code?: string; ms: number }[];
    }>(RUSH, {
      port,
      headers,
      path: `/api/cpd/events/${event.id}/bookings`,
      bodies: Array.from({ length: CLIENTS }, (_, i) => ({
        urn: 700000 + (i % 200),
        attendees: [{ name: `Racer ${i}`, email: `racer${i}@bench.test` }],
      })),
    });
    const ok = results.filter((r) => r.status === 201).length;
    const full = results.filter((r) => r.status === 409 && r.code === "full").length;
    const times = results.map((r) => r.ms);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cpdPlaces)
      .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
      .where(and(eq(cpdPlaces.eventId, event.id), eq(cpdBookings.status, "booked")));
    const [ev] = await db.select().from(cpdEvents).where(eq(cpdEvents.id, event.id));
    process.stdout.write(
      `(a) ${CLIENTS} clients for the last ${LAST} places: ${ok} × 201, ${full} × 409 full, other ${CLIENTS - ok - full}; ` +
        `places booked ${row?.n} (counter ${ev?.bookedPlaces}) of capacity ${ev?.capacity}: ` +
        `${(row?.n ?? 0) <= (ev?.capacity ?? 0) && ok === LAST ? "never overbooked" : "WRONG"}; ` +
        `answered p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))} ` +
        `(${times.filter((t) => t > 2000).length} over 2 s), all in ${ms(wall)}\n`,
    );
    if (process.env.BENCH_PHASES === "1") {
      // Where the bookings' time went (one at a time and the rush) (the app's per-phase and per-statement timings).
      const stats = new Promise<{ phases: string }>((resolve) =>
        server.on("message", (m: { type: string; phases?: string }) => {
          if (m.type === "stats") resolve({ phases: m.phases ?? "" });
        }),
      );
      server.send({ type: "stats" });
      process.stdout.write(`${(await stats).phases}\n`);
    }

    // (b) The catalogue with EVENTS events.
    const rng = createRng(27);
    const events: (typeof cpdEvents.$inferInsert)[] = [];
    const sessions: (typeof cpdSessions.$inferInsert)[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const id = randomUUID();
      const s = new Date(Date.now() + rng.int(1, 365) * 86_400_000);
      const kind = rng.pick(CPD_KINDS);
      events.push({
        id,
        hubId: hub.id,
        ref: `b${i.toString(36)}${tag}`.slice(0, 20),
        title: `Bench event ${i}`,
        kind,
        phases: rng.chance(0.5) ? [rng.pick(["primary", "secondary"])] : [],
        focusAreas: [rng.pick(FOCUS_AREAS)],
        capacity: 30,
        pricePence: rng.pick([0, 2500, 4500]),
        status: rng.chance(0.9) ? "published" : "draft",
        startsAt: s,
        endsAt: new Date(s.getTime() + 5_400_000),
        bookedPlaces: rng.int(0, 30),
      });
      sessions.push({
        hubId: hub.id,
        eventId: id,
        position: 0,
        startsAt: s,
        endsAt: new Date(s.getTime() + 5_400_000),
        venue: "Bench hall",
      });
    }
    for (let i = 0; i < events.length; i += 1000) {
      await db.insert(cpdEvents).values(events.slice(i, i + 1000));
      await db.insert(cpdSessions).values(sessions.slice(i, i + 1000));
    }
    await database.pool.query("vacuum analyze");
    const month = (k: number) => {
      const d = new Date(Date.now() + k * 31 * 86_400_000);
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    };
    const urls = Array.from({ length: 200 }, () => {
      const q = new URLSearchParams();
      if (rng.chance(0.3)) q.set("month", month(rng.int(0, 11)));
      if (rng.chance(0.3)) q.set("kind", rng.pick(CPD_KINDS));
      if (rng.chance(0.3)) q.set("phase", rng.pick(["primary", "secondary"]));
      if (rng.chance(0.3)) q.set("focus", rng.pick(FOCUS_AREAS));
      if (rng.chance(0.3)) q.set("page", String(rng.int(1, 5)));
      return `/api/public/hubs/${hub.slug}/cpd?${q}`;
    });
    type Run = { lat: number[]; errors: number; done: number; firstError: string | null; seconds: number };
    const run = (clients: number, seconds: number) =>
      forked<Run>(LOADGEN, {
        port,
        cookie: "",
        urls,
        clients,
        warmupMs: 2000,
        runMs: seconds * 1000,
        forwardedFor: true,
      });
    const check = (r: Run) => {
      if (r.errors) throw new Error(`catalogue errors: ${r.errors} (first: ${r.firstError})`);
      return r;
    };
    // One client alone first: the service time of a request, what the machine's load adds to.
    const alone = check(await run(1, 3));
    process.stdout.write(
      `(b) catalogue, one client alone: p50 ${ms(pct(alone.lat, 50))}, p95 ${ms(pct(alone.lat, 95))} (${(alone.done / alone.seconds).toFixed(0)} req/s)\n`,
    );
    const many = check(await run(CATALOGUE_CLIENTS, SECONDS));
    process.stdout.write(
      `(b) catalogue, ${EVENTS} events, ${CATALOGUE_CLIENTS} clients, ${SECONDS} s (${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(2)}): ${(many.done / many.seconds).toFixed(0)} req/s, ` +
        `p50 ${ms(pct(many.lat, 50))}, p95 ${ms(pct(many.lat, 95))}, p99 ${ms(pct(many.lat, 99))} (target p95 < 50 ms)\n`,
    );
    // Closed by message, so that a CPU profile (BENCH_SERVER_PROF) is written as it exits.
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.send({ type: "close" });
    await exited;
  } finally {
    stopServer();
    await database.close({ stopEmbedded: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
