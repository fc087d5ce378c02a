/**
 * CPD benchmarks (issue 12), never run by `npm test`:
 *  (a) 200 clients book the last 50 places of one event at the same moment, over HTTP: never
 *      overbooked, exactly 50 answered 201 and 150 answered 409 `full`, each answered within
 *      2 s; p50/p95/max reported;
 *  (b) the public catalogue `GET /api/public/hubs/:slug/cpd` with 2,000 events in the hub, at 50
 *      clients for `--seconds` (varied filters and pages): p50/p95, req/s (target p95 < 50 ms).
 * The app listens on a loopback port in this process (pool of 20); the load is sent by fetch
 * from the same process. Embedded PostgreSQL in a temporary directory, or BENCH_DATABASE_URL.
 *
 *   npx tsx bench/cpd.ts [--clients 200] [--last 50] [--events 2000] [--seconds 10]
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { buildApp } from "../src/server/app.ts";
import type { Config } from "../src/server/config.ts";
import { migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import { cpdBookings, cpdEvents, cpdPlaces, cpdSessions, schools } from "../src/server/db/schema/index.ts";
import { addUserToHub, createHub } from "../src/server/modules/hubs/hubs.service.ts";
import { systemActor } from "../src/server/platform/actor.ts";
import type { Deps } from "../src/server/platform/context.ts";
import { createMailer } from "../src/server/platform/mailer.ts";
import { createLocalFileStore } from "../src/server/platform/storage.ts";
import { FOCUS_AREAS } from "../src/shared/rules/focus-areas.ts";
import { createRng } from "../src/shared/rules/prng.ts";
import { CPD_KINDS } from "../src/shared/schemas/cpd.ts";

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
      // Each catalogue request comes "from" its own address (X-Forwarded-For), so that the
      // public rate limit (120 a minute per address) stays on without refusing the bench.
      trustProxy: 1,
    };
    const deps: Deps = {
      db,
      dbKind: database.kind,
      config,
      mailer: createMailer(db, { smtpUrl: undefined, from: config.mailFrom }),
      files: createLocalFileStore(path.join(dataDir, "files")),
      clock: () => new Date(),
    };
    const app = await buildApp(deps, { serveWeb: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

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
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const t = performance.now();
        const res = await post(`/api/cpd/events/${event.id}/bookings`, {
          urn: 700000 + (i % 200),
          attendees: [{ name: `Racer ${i}`, email: `racer${i}@bench.test` }],
        });
        const body = (await res.json()) as { error?: { code: string } };
        return { status: res.status, code: body.error?.code, ms: performance.now() - t };
      }),
    );
    const wall = performance.now() - t0;
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
      return `${base}/api/public/hubs/${hub.slug}/cpd?${q}`;
    });
    let n = 0;
    const get = async () => {
      n++;
      const res = await fetch(urls[n % urls.length] ?? base, {
        headers: { "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`catalogue answered ${res.status}`);
    };
    const run = async (seconds: number, record: number[] | null, clients = CATALOGUE_CLIENTS) => {
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < until) {
            const t = performance.now();
            await get();
            record?.push(performance.now() - t);
          }
        }),
      );
    };
    await run(2, null);
    // One client alone first: the service time of a request, what the machine's load adds to.
    const alone: number[] = [];
    await run(3, alone, 1);
    process.stdout.write(
      `(b) catalogue, one client alone: p50 ${ms(pct(alone, 50))}, p95 ${ms(pct(alone, 95))} (${(alone.length / 3).toFixed(0)} req/s)\n`,
    );
    const lat: number[] = [];
    await run(SECONDS, lat);
    process.stdout.write(
      `(b) catalogue, ${EVENTS} events, ${CATALOGUE_CLIENTS} clients, ${SECONDS} s: ${(lat.length / SECONDS).toFixed(0)} req/s, ` +
        `p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))}, p99 ${ms(pct(lat, 99))} (target p95 < 50 ms)\n`,
    );
    await app.close();
  } finally {
    await database.close({ stopEmbedded: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
