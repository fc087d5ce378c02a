/**
 * Plan benchmark (issue 14):
 *  (a) GET /api/plans/:id — a plan of 10 objectives and 60 targets, 30 of them bound to measures,
 *      for a hub of 25,000 schools with a year of activity (visits with reports, e-mails to
 *      contacts, RAG ratings, music data), at 50 concurrent clients. Target: p95 < 150 ms.
 *  (b) the daily snapshot of every hub of a 43-hub deployment (the big hub and 42 of ~560
 *      schools, each with the same plan). Target: < 60 s.
 *
 *   npx tsx bench/plans.ts [--schools 25000] [--clients 50] [--seconds 10] [--hubs 43]
 *
 * The app runs in its own process (bench/school-list.ts --serve: buildApp + listen, pool of 20),
 * the load generator in another; embedded PostgreSQL in a temporary directory (or
 * BENCH_DATABASE_URL). Fictional data from a fixed seed.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { type Db, migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import {
  mailMessages,
  planActions,
  planObjectives,
  plans,
  planTargets,
  ragCurrent,
  schoolContacts,
  schoolMusicData,
  schools,
  visitReports,
  visits,
} from "../src/server/db/schema/index.ts";
import { snapshotAllHubs } from "../src/server/modules/plans/plan-snapshots.ts";
import { createRng } from "../src/shared/rules/prng.ts";
import { SESSION_COOKIE } from "../src/shared/schemas/auth.ts";
import { LOADGEN, percentile, seedHub } from "./school-list.ts";

const PASSWORD = "bench-password-123";
const MEASURES = [
  "schools_visited_share",
  "schools_communicated_share",
  "schools_visited_primary_share",
  "schools_visited_two_years_share",
  "schools_rag_rated_share",
  "music_in_sdp_share",
  "continuation_rate",
  "cpd_schools_reached_share",
  "lead_school_focus_coverage",
  "quality_mark_cohort_applied_share",
];

const chunked = async <T>(rows: T[], write: (c: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += 2000) await write(rows.slice(i, i + 2000));
};

/** A year of activity for a hub's schools: visits (most with an approved report), contacts and mail, ratings, music data. */
const seedActivity = async (db: Db, hubId: string, seed: number) => {
  const rng = createRng(seed);
  const list = await db.select({ id: schools.id }).from(schools).where(eq(schools.hubId, hubId));
  const day = () =>
    `2025-${String(9 + Math.floor(rng.next() * 4)).padStart(2, "0")}-${String(1 + Math.floor(rng.next() * 28)).padStart(2, "0")}`;
  const visited = list.filter(() => rng.next() < 0.4);
  const visitRows = visited.map((s) => ({
    hubId,
    schoolId: s.id,
    date: day(),
    purpose: "follow_up" as const,
  }));
  const inserted: { id: string }[] = [];
  await chunked(visitRows, async (c) =>
    inserted.push(...(await db.insert(visits).values(c).returning({ id: visits.id }))),
  );
  await chunked(
    inserted.map((v) => ({
      hubId,
      visitId: v.id,
      status: rng.next() < 0.8 ? ("approved" as const) : ("draft" as const),
      summary: "s",
    })),
    (c) => db.insert(visitReports).values(c),
  );
  const contacts = list.map((s, i) => ({
    hubId,
    schoolId: s.id,
    role: "headteacher" as const,
    name: "Head",
    email: `head${i}.${seed}@bench.test`,
  }));
  await chunked(contacts, (c) => db.insert(schoolContacts).values(c));
  await chunked(
    contacts
      .filter(() => rng.next() < 0.5)
      .map((c) => ({
        hubId,
        to: c.email ?? "",
        subject: "News",
        text: "t",
        createdAt: new Date("2025-11-01T09:00:00Z"),
      })),
    (c) => db.insert(mailMessages).values(c),
  );
  await chunked(
    list
      .filter(() => rng.next() < 0.3)
      .map((s, i) => ({
        hubId,
        schoolId: s.id,
        ratingId: i + 1,
        rating: "amber" as const,
        setAt: new Date(),
      })),
    (c) => db.insert(ragCurrent).values(c),
  );
  await chunked(
    list.map((s) => ({
      hubId,
      schoolId: s.id,
      academicYear: "2025/26",
      sdpMusic: rng.next() < 0.5,
      wcetPupils: Math.floor(rng.next() * 60),
      continuingPupils: Math.floor(rng.next() * 20),
    })),
    (c) => db.insert(schoolMusicData).values(c),
  );
};

/** 10 objectives × 2 actions × 3 targets = 60 targets; every other one bound (30). */
const seedPlan = async (db: Db, hubId: string): Promise<string> => {
  const [plan] = await db
    .insert(plans)
    .values({ hubId, title: "Bench plan", startsOn: "2025-09-01", endsOn: "2027-08-31" })
    .returning();
  if (!plan) throw new Error("plan");
  let n = 0;
  for (let o = 1; o <= 10; o++) {
    const [obj] = await db
      .insert(planObjectives)
      .values({ hubId, planId: plan.id, number: o, title: `Objective ${o}` })
      .returning();
    for (let a = 1; a <= 2; a++) {
      const [act] = await db
        .insert(planActions)
        .values({
          hubId,
          planId: plan.id,
          objectiveId: obj?.id ?? "",
          position: a,
          text: `Action ${o}.${a}`,
          lead: "SLE",
        })
        .returning();
      await db.insert(planTargets).values(
        [1, 2, 3].map((t) => {
          const bound = n++ % 2 === 0;
          return {
            hubId,
            planId: plan.id,
            actionId: act?.id ?? "",
            position: t,
            text: `Target ${o}.${a}.${t}`,
            byWhen: "2026-07-31",
            monitor: "Gov",
            measure: bound ? (MEASURES[n % MEASURES.length] ?? null) : null,
            goal: bound ? 0.6 : null,
            deadline: bound ? "2026-07-31" : null,
          };
        }),
      );
    }
  }
  return plan.id;
};

const main = async () => {
  const { values } = parseArgs({
    options: {
      schools: { type: "string", default: "25000" },
      clients: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
      hubs: { type: "string", default: "43" },
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-plans-"));
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
    const big = await seedHub(database.db, `list-${tag}`, Number(values.schools), 100000, 1);
    await seedActivity(database.db, big.hub.id, 11);
    const planId = await seedPlan(database.db, big.hub.id);
    for (let h = 1; h < Number(values.hubs); h++) {
      const small = await seedHub(database.db, `h${h}-${tag}`, 560, 200000 + h * 1000, 100 + h);
      await seedActivity(database.db, small.hub.id, 200 + h);
      await seedPlan(database.db, small.hub.id);
    }
    await database.pool.query("vacuum analyze");
    process.stdout.write(
      `seeded ${values.hubs} hubs (one of ${values.schools} schools) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    // (b) the daily snapshot of every hub, here in this process.
    const s0 = performance.now();
    const r = await snapshotAllHubs(database.db, new Date());
    const snapSeconds = (performance.now() - s0) / 1000;
    process.stdout.write(
      `daily snapshot: ${r.snapshots} values for ${r.hubs} hubs in ${snapSeconds.toFixed(2)} s → target < 60 s ${snapSeconds < 60 ? "met" : "NOT met"}\n`,
    );

    // (a) the plan page at 50 clients.
    server = fork(fileURLToPath(new URL("./school-list.ts", import.meta.url)), ["--serve"], {
      env: { ...process.env, BENCH_SERVE_URL: database.url, BENCH_SERVE_DIR: dataDir },
      execArgv: process.execArgv,
    });
    const child = server;
    const next = (type: string) =>
      new Promise<{ type: string; port?: number }>((resolve, reject) => {
        const on = (m: { type: string; port?: number }) => {
          if (m.type !== type) return;
          child.off("message", on);
          resolve(m);
        };
        child.on("message", on);
        child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
      });
    const { port } = await next("listening");
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `admin@list-${tag}.test`, password: PASSWORD }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.split(";")[0];
    const loadgenFile = path.join(dataDir, "loadgen.cjs");
    writeFileSync(loadgenFile, LOADGEN);
    const gen = fork(loadgenFile, [], { execArgv: [] });
    const result = new Promise<{
      lat: number[];
      errors: number;
      done: number;
      firstError: string | null;
      seconds: number;
    }>((resolve, reject) => {
      gen.once("message", resolve);
      gen.once("exit", (code) => reject(new Error(`load generator exited (${code})`)));
    });
    const clients = Number(values.clients);
    gen.send({
      port,
      cookie,
      urls: [`/api/plans/${planId}`],
      clients,
      warmupMs: 2000,
      runMs: Number(values.seconds) * 1000,
    });
    const out = await result;
    const sorted = out.lat.sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    process.stdout.write(
      `GET /api/plans/:id (60 targets, 30 bound), ${clients} clients, ${out.seconds} s (${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}, ${database.kind} PostgreSQL)\n` +
        `  requests ${out.done}  errors ${out.errors}${out.firstError ? ` (first: ${out.firstError})` : ""}  req/s ${Math.round(out.done / out.seconds)}\n` +
        `  p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms\n` +
        `  target p95 < 150 ms → ${p95 < 150 ? "met" : "NOT met"}\n`,
    );
    child.send({ type: "close" });
    await next("closed");
  } finally {
    if (server && server.exitCode === null) server.kill();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
