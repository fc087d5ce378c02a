import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/harness";
import { createJobRegistry, enqueue, startWorker, type Worker } from "./jobs";

const waitUntil = async (what: string, ok: () => boolean, ms = 20_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("background jobs shared by two workers", () => {
  let env: TestEnv;
  const workers: Worker[] = [];
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(() => env.close());

  /** Two workers, each with its own pool, as two app processes would have. */
  const twoWorkers = async (make: (who: string) => ReturnType<typeof createJobRegistry>) => {
    const started = await Promise.all(
      ["a", "b"].map((who) => startWorker(env.deps, make(who), { url: env.url, pollIntervalMs: 200 })),
    );
    workers.push(...started);
  };

  it("runs each job once, whichever worker takes it", async () => {
    const runs: { n: number; by: string }[] = [];
    await twoWorkers((who) => {
      const jobs = createJobRegistry();
      jobs.registerTask("test:count", async (payload) => {
        await new Promise((r) => setTimeout(r, 10));
        runs.push({ n: (payload as { n: number }).n, by: who });
      });
      return jobs;
    });
    for (let n = 0; n < 30; n++) await enqueue(env.db, "test:count", { n });
    await waitUntil("30 runs", () => runs.length >= 30);
    await new Promise((r) => setTimeout(r, 500));
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("runs a schedule once per time, with two workers catching up the same missed runs", async () => {
    const ticks: string[] = [];
    // The schedule last ran five minutes ago: both workers start together and catch up.
    await env.pool.query(
      `insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
       values ('test-tick', now() - interval '1 hour', date_trunc('minute', now()) - interval '5 minutes')`,
    );
    await twoWorkers(() => {
      const jobs = createJobRegistry();
      jobs.registerSchedule({
        name: "test-tick",
        cron: "* * * * *",
        backfillMs: 10 * 60_000,
        task: async ({ scheduledFor }) => {
          ticks.push(scheduledFor.toISOString());
        },
      });
      return jobs;
    });
    await waitUntil("the missed minutes", () => ticks.length >= 4);
    await new Promise((r) => setTimeout(r, 1500));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it("finishes the job in hand before a stopping worker lets go", async () => {
    const events: string[] = [];
    let started = false;
    const jobs = createJobRegistry();
    jobs.registerTask("test:slow", async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 800));
      events.push("job finished");
    });
    const w = await startWorker(env.deps, jobs, { url: env.url, pollIntervalMs: 200 });
    await enqueue(env.db, "test:slow", {});
    await waitUntil("the slow job to start", () => started);
    await w.stop();
    events.push("worker stopped");
    expect(events).toEqual(["job finished", "worker stopped"]);
  });

  it("refuses a task or schedule registered twice", () => {
    const jobs = createJobRegistry();
    jobs.registerSchedule({ name: "nightly-thing", cron: "0 2 * * *", task: async () => {} });
    expect(() =>
      jobs.registerSchedule({ name: "nightly-thing", cron: "0 3 * * *", task: async () => {} }),
    ).toThrow(/registered twice/);
    jobs.registerTask("thing:do", async () => {});
    expect(() => jobs.registerTask("thing:do", async () => {})).toThrow(/registered twice/);
  });
});
