/**
 * Engagement benchmark (issue 10): the coverage page, the RAG board (every suggestion computed,
 * visit criteria on) and a link officer's "my schools", each at 50 concurrent clients.
 *
 *   npx tsx bench/engagement.ts [--schools 25000] [--clients 50 | --clients 1,50] [--seconds 10] [--only coverage|board|mine]
 *
 * Seeds one hub of 25,000 fictional schools (bench/school-list.ts's seedHub: half of them with the
 * admin as link officer) on an embedded PostgreSQL in a temporary directory, then, in set-based
 * SQL: three years of visits (three per school, ~75,000), a report for each (approved but the
 * latest few hundred), two or three next steps per report (~200,000, some overdue), and a rating
 * for every school. The app runs in its own process (school-list.ts --serve, pool of 20) and the
 * load generator in another. Reports p50/p95/p99 and requests/s. Target: p95 under 100 ms each.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { type Db, migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import { DEFAULT_RAG_CONFIG } from "../src/shared/rules/rag-suggestion.ts";
import { SESSION_COOKIE } from "../src/shared/schemas/auth.ts";
import { LOADGEN, percentile, seedHub } from "./school-list.ts";

const PASSWORD = "bench-password-123";

/** Visits, reports, next steps and ratings for every school of the hub, in five statements. */
const seedEngagement = async (db: Db, hubId: string, officerId: string) => {
  await db.execute(sql`
    insert into visits (hub_id, school_id, date, time, purpose, recorded, attendee_ids, created_by)
    select ${hubId}, s.id, date '2023-09-04' + ((s.rn * 37 + y * 365 + 11 * y) % 1090)::int, '10:00',
      (array['first_conversation','follow_up','targeted_support'])[1 + y], true, array[${officerId}::uuid], ${officerId}
    from (select id, (row_number() over (order by urn))::int rn from schools where hub_id = ${hubId}) s
    cross join generate_series(0, 2) y`);
  await db.execute(sql`
    insert into visit_reports (hub_id, visit_id, status, summary, judgements, version, approved_by, approved_at)
    select ${hubId}, v.id, case when v.date > date '2026-08-20' then 'draft' else 'approved' end,
      'A fictional summary of the conversation',
      case when rn % 4 = 0 then '[{"section":"Singing","judgement":"priority","seen":null}]'::jsonb
           else '[{"section":"Singing","judgement":"strength","seen":null}]'::jsonb end,
      1, ${officerId}, v.date + 7
    from (select id, date, (row_number() over (order by id))::int rn from visits where hub_id = ${hubId}) v`);
  await db.execute(sql`
    insert into visit_next_steps (hub_id, report_id, school_id, position, text, owner, due, status)
    select ${hubId}, r.id, v.school_id, k, 'A fictional next step', case when k = 1 then 'hub' else 'school' end,
      v.date + 60 * (k + 1), case when (v.date + 60 * (k + 1)) < date '2026-01-01' and k <> 2 then 'done' else 'open' end
    from visit_reports r join visits v on v.id = r.visit_id
    cross join generate_series(0, 1 + (abs(hashtext(r.id::text)) % 3 <> 0)::int) k
    where r.hub_id = ${hubId}`);
  await db.execute(sql`
    insert into rag_ratings (hub_id, school_id, rating, reason, suggested, set_by, set_at)
    select ${hubId}, id, (array['red','amber','green'])[1 + (urn % 3)], 'Bench rating', 'amber', ${officerId}, now()
    from schools where hub_id = ${hubId}`);
  await db.execute(sql`
    insert into rag_current (school_id, hub_id, rating_id, rating, set_at)
    select school_id, hub_id, id, rating, set_at from rag_ratings where hub_id = ${hubId}`);
  const config = {
    ...DEFAULT_RAG_CONFIG,
    criteria: DEFAULT_RAG_CONFIG.criteria.map((c) => ({ ...c, enabled: true })),
  };
  await db.execute(
    sql`insert into rag_criteria (hub_id, config) values (${hubId}, ${JSON.stringify(config)}::jsonb)`,
  );
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      schools: { type: "string", default: "25000" },
      clients: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
      only: { type: "string" },
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-engagement-"));
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
    const { hub } = await seedHub(database.db, `eng-${tag}`, Number(values.schools), 100000, 1);
    const officer = await database.pool.query<{ user_id: string }>(
      "select user_id from memberships where hub_id = $1 limit 1",
      [hub.id],
    );
    const officerId = officer.rows[0]?.user_id;
    if (!officerId) throw new Error("no admin");
    await seedEngagement(database.db, hub.id, officerId);
    await database.pool.query("vacuum analyze");
    const counts = await database.pool.query<{ v: string; r: string; s: string }>(
      "select (select count(*) from visits) v, (select count(*) from visit_reports) r, (select count(*) from visit_next_steps) s",
    );
    process.stdout.write(
      `seeded ${values.schools} schools, ${counts.rows[0]?.v} visits, ${counts.rows[0]?.r} reports, ${counts.rows[0]?.s} next steps, a rating each, in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    server = fork(fileURLToPath(new URL("./school-list.ts", import.meta.url)), ["--serve"], {
      env: { ...process.env, BENCH_SERVE_URL: database.url, BENCH_SERVE_DIR: dataDir },
      execArgv: process.execArgv,
    });
    const child = server;
    const port = await new Promise<number>((resolve, reject) => {
      child.on("message", (m: { type: string; port?: number }) => {
        if (m.type === "listening" && m.port) resolve(m.port);
      });
      child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `admin@eng-${tag}.test`, password: PASSWORD }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.split(";")[0];
    if (!cookie) throw new Error("no session cookie");

    const loadgenFile = path.join(dataDir, "loadgen.cjs");
    writeFileSync(loadgenFile, LOADGEN);
    let clients = 50;
    const runMs = Number(values.seconds) * 1000;
    const run = async (label: string, urls: string[]) => {
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
      gen.send({ port, cookie, urls, clients, warmupMs: 2000, runMs });
      const r = await result;
      const sorted = r.lat.sort((a, b) => a - b);
      const f = (n: number) => `${n.toFixed(1)} ms`;
      process.stdout.write(
        `${label}, ${clients} clients, ${r.seconds} s (${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(2)}): ` +
          `p50 ${f(percentile(sorted, 50))}, p95 ${f(percentile(sorted, 95))}, p99 ${f(percentile(sorted, 99))}, ` +
          `${(r.done / r.seconds).toFixed(0)} req/s, ${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ""}\n`,
      );
    };
    const only = values.only;
    for (const n of String(values.clients).split(",").map(Number)) {
      clients = n;
      if (!only || only === "coverage")
        await run(
          "GET /api/engagement/coverage",
          ["2023/24", "2024/25", "2025/26"].map((y) => `/api/engagement/coverage?year=${y}`),
        );
      if (!only || only === "board")
        await run(
          "GET /api/engagement/rag-board",
          Array.from(
            { length: 60 },
            (_, i) =>
              `/api/engagement/rag-board?page=${1 + (i % 20)}&pageSize=50${i % 3 === 0 ? "&rating=red" : ""}`,
          ),
        );
      if (!only || only === "mine")
        await run(
          "GET /api/engagement/my-schools",
          Array.from({ length: 40 }, (_, i) => `/api/engagement/my-schools?page=${1 + i * 5}&pageSize=50`),
        );
    }
    child.kill("SIGTERM");
  } finally {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
