/**
 * Lead Schools coverage benchmark: GET /api/lead-schools/coverage (the matrix and the gaps) and
 * the what-if for one candidate (…/coverage?candidateUrn=…&focusAreas=…), each at 50 concurrent
 * clients, for a hub of 25,000 schools with 300 Lead Schools appointed over five rounds.
 *
 *   npx tsx bench/lead-schools.ts [--schools 25000] [--leads 300] [--clients 50] [--seconds 10]
 *
 * Embedded PostgreSQL in a temporary directory (or BENCH_DATABASE_URL). The app runs in this
 * process (buildApp + listen, pool of 20 as `tutti serve`); the load generator in its own `node`
 * process (node:http, keep-alive agent of `clients` sockets). Target (issue 11): p95 < 100 ms.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, asc, eq, inArray } from "drizzle-orm";
import { buildApp } from "../src/server/app.ts";
import type { Config } from "../src/server/config.ts";
import { migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import {
  leadSchoolApplications,
  leadSchoolRounds,
  leadSchools,
  schools,
} from "../src/server/db/schema/index.ts";
import type { Deps } from "../src/server/platform/context.ts";
import { createMailer } from "../src/server/platform/mailer.ts";
import { createLocalFileStore } from "../src/server/platform/storage.ts";
import { FOCUS_AREAS } from "../src/shared/rules/focus-areas.ts";
import { createRng } from "../src/shared/rules/prng.ts";
import { SESSION_COOKIE } from "../src/shared/schemas/auth.ts";
import { DEFAULT_CRITERIA } from "../src/shared/schemas/lead-schools.ts";
import { seedHub } from "./school-list.ts";

const PASSWORD = "bench-password-123";
const LOADGEN = `
const http = require("node:http");
process.once("message", async ({ port, cookie, urls, clients, warmupMs, runMs }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const get = (p) => new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: p, agent, headers: { cookie } }, (res) => {
      res.on("data", () => {}); res.on("end", () => resolve(res.statusCode)); res.on("error", reject);
    });
    req.on("error", reject);
  });
  const lat = []; let errors = 0, done = 0, firstError = null, next = 0;
  const start = performance.now(); const measureFrom = start + warmupMs; const end = measureFrom + runMs;
  const client = async () => {
    while (performance.now() < end) {
      const url = urls[next++ % urls.length]; const t = performance.now();
      try { const s = await get(url); if (s !== 200) { errors++; firstError ??= s + " " + url; } }
      catch (e) { errors++; firstError ??= String(e); }
      if (t >= measureFrom) { lat.push(performance.now() - t); done++; }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  process.send({ lat, errors, done, firstError, seconds: runMs / 1000 }, () => process.exit(0));
});
`;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const main = async () => {
  const { values } = parseArgs({
    options: {
      schools: { type: "string", default: "25000" },
      leads: { type: "string", default: "300" },
      clients: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-ls-"));
  const database = await openDatabase({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    dataDir,
    database: "tutti_bench",
    poolSize: 20,
  });
  try {
    await migrateDatabase(database.pool);
    const db = database.db;
    const t0 = performance.now();
    const tag = Date.now().toString(36);
    const { hub } = await seedHub(db, `ls-${tag}`, Number(values.schools), 100000, 1);
    // 300 Lead Schools over five rounds (a year apart): the last three rounds' schools in office.
    const rng = createRng(11);
    const candidates = await db
      .select({ id: schools.id, urn: schools.urn })
      .from(schools)
      .where(
        and(
          eq(schools.hubId, hub.id),
          eq(schools.status, "open"),
          inArray(schools.phase, ["primary", "secondary", "all_through", "special", "alternative_provision"]),
        ),
      )
      .orderBy(asc(schools.urn));
    const n = Number(values.leads);
    const perRound = Math.ceil(n / 5);
    const rounds = await db
      .insert(leadSchoolRounds)
      .values(
        Array.from({ length: 5 }, (_, r) => ({
          hubId: hub.id,
          title: `Round ${r + 1}`,
          closesOn: day(-365 * (4 - r) - 120),
          shortlistOn: day(-365 * (4 - r) - 110),
          visitsFrom: day(-365 * (4 - r) - 100),
          announceOn: day(-365 * (4 - r) - 60),
          criteria: DEFAULT_CRITERIA,
        })),
      )
      .returning();
    const chosen = candidates
      .filter((_, i) => i % Math.floor(candidates.length / (n + 200)) === 0)
      .slice(0, n + 200);
    const appointed = chosen.slice(0, n);
    const apps = await db
      .insert(leadSchoolApplications)
      .values(
        appointed.map((s, i) => ({
          hubId: hub.id,
          roundId: rounds[Math.floor(i / perRound)]?.id ?? "",
          schoolId: s.id,
          status: "appointed" as const,
          answers: {},
          focusAreas: [FOCUS_AREAS[Math.floor(rng.next() * 7)] ?? "notation"],
        })),
      )
      .returning();
    for (let i = 0; i < apps.length; i += 100)
      await db.insert(leadSchools).values(
        apps.slice(i, i + 100).map((a, j) => {
          const r = Math.floor((i + j) / perRound);
          const round = rounds[r];
          return {
            hubId: hub.id,
            schoolId: a.schoolId,
            applicationId: a.id,
            focusAreas: a.focusAreas,
            fromDate: round?.announceOn ?? day(0),
            toDate: day(-365 * (4 - r) - 60 + 3 * 365),
            announceOn: round?.announceOn ?? day(0),
          };
        }),
      );
    await database.pool.query("vacuum analyze");
    process.stdout.write(
      `seeded ${values.schools} schools, ${n} Lead Schools over 5 rounds in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    const mailer = createMailer(db, { smtpUrl: undefined, from: "Tutti <bench@tutti.invalid>" });
    const config: Config = {
      port: 0,
      host: "127.0.0.1",
      dataDir,
      databaseUrl: database.url,
      sessionSecret: "bench-secret-bench-secret-bench-secret-01",
      smtpUrl: undefined,
      mailFrom: "Tutti <bench@tutti.invalid>",
      publicUrl: "http://127.0.0.1",
      env: "production",
      demoPassword: "bench-demo-password",
      sessionDays: 14,
      maxUploadBytes: 100 * 1024 * 1024,
      logLevel: "silent",
      trustProxy: false,
    };
    const deps: Deps = {
      db,
      dbKind: "embedded",
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
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `admin@ls-${tag}.test`, password: PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.split(";")[0];
    if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
    const first = await (await fetch(`${base}/api/lead-schools/coverage`, { headers: { cookie } })).json();
    process.stdout.write(
      `in office today: ${first.leads}; gaps: ${first.gaps.length}; areas: ${first.areas.length}\n`,
    );

    // One client, one request at a time: what a request costs on its own.
    const serial: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await (await fetch(`${base}/api/lead-schools/coverage`, { headers: { cookie } })).text();
      serial.push(performance.now() - t);
    }
    serial.sort((a, b) => a - b);
    process.stdout.write(
      `one client: p50 ${pct(serial, 50).toFixed(1)} ms, p95 ${pct(serial, 95).toFixed(1)} ms (load average ${os.loadavg()[0]?.toFixed(1)})\n`,
    );
    const loadgen = path.join(dataDir, "loadgen.cjs");
    writeFileSync(loadgen, LOADGEN);
    const measure = async (label: string, urls: string[]) => {
      const gen = fork(loadgen, [], { execArgv: [] });
      const result = new Promise<{
        lat: number[];
        errors: number;
        done: number;
        firstError: string | null;
        seconds: number;
      }>((resolve) => gen.once("message", (m) => resolve(m as never)));
      gen.send({
        port: address.port,
        cookie,
        urls,
        clients: Number(values.clients),
        warmupMs: 2000,
        runMs: Number(values.seconds) * 1000,
      });
      const r = await result;
      const sorted = [...r.lat].sort((a, b) => a - b);
      process.stdout.write(
        `${label}: ${r.done} requests, ${(r.done / r.seconds).toFixed(0)} req/s, errors ${r.errors}${r.firstError ? ` (${r.firstError})` : ""}\n` +
          `  p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms → target p95 < 100 ms ${pct(sorted, 95) < 100 ? "met" : "NOT met"}\n`,
      );
    };
    await measure("GET /api/lead-schools/coverage", ["/api/lead-schools/coverage"]);
    const whatIf = chosen
      .slice(n)
      .map((s, i) => `/api/lead-schools/coverage?candidateUrn=${s.urn}&focusAreas=${FOCUS_AREAS[i % 7]}`);
    await measure("GET /api/lead-schools/coverage?candidateUrn=… (what-if)", whatIf);
    await app.close();
    mailer.close();
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
