/**
 * School list benchmark: GET /api/schools (filtered, sorted, paged), then the profile
 * GET /api/schools/:urn, each at 50 concurrent clients.
 *
 *   npx tsx bench/school-list.ts [--schools 25000] [--clients 50] [--seconds 10]
 *
 * Seeds 25,000 fictional schools into one hub (and 2,000 into each of three other hubs, so the
 * hub scope has something to skip) on an embedded PostgreSQL in a temporary directory, starts
 * the real app (buildApp + listen) on a free port, signs in as the hub admin and fires the list
 * with varied filters, sorts and pages from a worker thread (its own event loop, so the client
 * does not slow the server down) for the given time after a 2 s warm-up.
 * Reports p50/p95/p99 latency and requests/s. Target (DESIGN.md): p95 under 50 ms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
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

/** The load generator, as plain JavaScript for a worker thread. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { base, cookie, urls, clients, warmupMs, runMs } = workerData;
const lat = [];
let errors = 0, done = 0, firstError = null;
const run = async () => {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + runMs;
  let next = 0;
  const client = async () => {
    while (performance.now() < end) {
      const url = urls[next++ % urls.length];
      const t = performance.now();
      try {
        const res = await fetch(base + url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) { errors++; firstError ??= res.status + " " + url; }
      } catch (e) { errors++; firstError ??= String(e); }
      if (t >= measureFrom) { lat.push(performance.now() - t); done++; }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  parentPort.postMessage({ lat, errors, done, firstError, seconds: runMs / 1000 });
};
run();
`;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      schools: { type: "string", default: "25000" },
      clients: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-list-"));
  const database = await openDatabase({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    dataDir,
    database: "tutti_bench",
    poolSize: 20,
  });
  const mailer = createMailer(database.db, { smtpUrl: undefined, from: "Tutti <bench@tutti.invalid>" });
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

    const config: Config = {
      port: 0,
      host: "127.0.0.1",
      dataDir,
      databaseUrl: undefined,
      sessionSecret: "bench-secret-bench-secret-bench-secret-01",
      smtpUrl: undefined,
      mailFrom: "Tutti <bench@tutti.invalid>",
      publicUrl: "http://127.0.0.1",
      env: "production",
      demoPassword: "bench-demo-password",
      sessionDays: 14,
      maxUploadBytes: 100 * 1024 * 1024,
      logLevel: "silent",
    };
    const deps: Deps = {
      db: database.db,
      dbKind: database.kind,
      config,
      mailer,
      files: createLocalFileStore(path.join(dataDir, "files")),
      clock: () => new Date(),
    };
    const app = await buildApp(deps, { serveWeb: false, logger: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const base = `http://127.0.0.1:${address.port}`;
    try {
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

      const clients = Number(values.clients);
      const runMs = Number(values.seconds) * 1000;
      const measure = (label: string, targets: string[]) =>
        new Promise<{
          lat: number[];
          errors: number;
          done: number;
          firstError: string | null;
          seconds: number;
        }>((resolve, reject) => {
          const w = new Worker(WORKER, {
            eval: true,
            workerData: { base, cookie: token, urls: targets, clients, warmupMs: 2000, runMs },
          });
          w.once("message", resolve);
          w.once("error", reject);
        }).then((result) => {
          const sorted = result.lat.sort((a, b) => a - b);
          const f = (n: number) => `${n.toFixed(1)} ms`;
          process.stdout.write(
            `${label}, ${clients} clients, ${result.seconds} s (${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}, ${database.kind} PostgreSQL)\n` +
              `  requests ${result.done}  errors ${result.errors}${result.firstError ? ` (first: ${result.firstError})` : ""}\n` +
              `  req/s    ${Math.round(result.done / result.seconds)}\n` +
              `  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? 0)}\n` +
              `  target p95 < 50 ms → ${percentile(sorted, 95) < 50 ? "met" : "NOT met"}\n`,
          );
        });
      await measure("GET /api/schools", urls);
      await measure("GET /api/schools/:urn", profileUrls);
      process.stdout.write(
        `peak RSS (server process) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
      );
    } finally {
      await app.close();
    }
  } finally {
    mailer.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
