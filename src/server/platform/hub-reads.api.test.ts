import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, seedHub, type TestEnv, type TestHub } from "../testing/harness";
import { contextFor } from "./context";
import { hubReads } from "./hub-reads";

// Answers kept per hub while the versions of the topics they read have not moved (decision 030):
// whoever writes (this process or another connection), the next read after the commit is fresh.
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let writer: pg.Client;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "reads");
  other = await seedHub(env.db, "reads-other");
  writer = new pg.Client({ connectionString: env.url });
  await writer.connect();
});
afterAll(async () => {
  await writer?.end();
  await env?.close();
});

/** A kind of read over the given topics that counts its computations. */
const counted = (name: string, topics: Parameters<typeof hubReads>[1]["topics"]) => {
  let computed = 0;
  const reads = hubReads<number>(name, { topics });
  return {
    read: (hubId: string, key = "k") =>
      reads.forHub(env.db, hubId, key, async () => {
        computed++;
        return computed;
      }),
    computed: () => computed,
    reads,
  };
};

/** Polls until `ok` holds (a notification travels through PostgreSQL; no timing is asserted). */
const until = async (ok: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

const setCriteria = (hubId: string, redAt: number) =>
  writer.query(
    `insert into rag_criteria (hub_id, config) values ($1, $2)
     on conflict (hub_id) do update set config = excluded.config`,
    [hubId, JSON.stringify({ criteria: [], redAt, amberAt: 1 })],
  );

describe("hub reads", () => {
  it("computes once for many callers at once and keeps the answer while nothing it reads changes", async () => {
    const r = counted("once", ["rag"]);
    const answers = await Promise.all(Array.from({ length: 8 }, () => r.read(hub.id)));
    expect(new Set(answers)).toEqual(new Set([1]));
    expect(await r.read(hub.id)).toBe(1);
    expect(r.computed()).toBe(1);
    // A different key is a different answer.
    expect(await r.read(hub.id, "page 2")).toBe(2);
  });

  it("recomputes once another connection commits a write to one of its topics", async () => {
    const r = counted("other-connection", ["engagement", "rag"]);
    expect(await r.read(hub.id)).toBe(1);
    await setCriteria(hub.id, 3);
    await until(async () => (await r.read(hub.id)) === 2);
    expect(await r.read(hub.id)).toBe(2);
  });

  it("keeps its answer when another topic or another hub changes", async () => {
    const r = counted("unrelated", ["rag"]);
    expect(await r.read(hub.id)).toBe(1);
    await writer.query(
      "insert into cpd_settings (hub_id) values ($1) on conflict (hub_id) do update set cancel_cutoff_days = 5",
      [hub.id],
    );
    await setCriteria(other.id, 4);
    // The other hub's answer moves; this hub's stays kept.
    const o = counted("unrelated-other", ["rag"]);
    expect(await o.read(other.id)).toBe(1);
    await setCriteria(other.id, 5);
    await until(async () => (await o.read(other.id)) === 2);
    expect(await r.read(hub.id)).toBe(1);
    expect(r.computed()).toBe(1);
  });

  it("recomputes after a rolled-back write only if something committed", async () => {
    const r = counted("rollback", ["rag"]);
    expect(await r.read(hub.id)).toBe(1);
    await writer.query("begin");
    await setCriteria(hub.id, 6);
    await writer.query("rollback");
    await new Promise((res) => setTimeout(res, 100));
    expect(await r.read(hub.id)).toBe(1);
  });

  it("never answers from memory inside a transaction", async () => {
    const reads = hubReads<string>("in-transaction", { topics: ["rag"] });
    const ctx = contextFor(env.deps, {
      userId: hub.users.hub_admin.id,
      name: "Hub admin",
      email: hub.users.hub_admin.email,
      hubId: hub.id,
      hubName: "Reads",
      hubSlug: "reads",
      role: "hub_admin",
      schoolId: null,
      partnerId: null,
    });
    expect(await reads.forActor(ctx, "k", async () => "kept")).toBe("kept");
    expect(await reads.forActor(ctx, "k", async () => "fresh")).toBe("kept");
    const inside = await env.db.transaction((tx) =>
      reads.forActor({ ...ctx, db: tx }, "k", async () => "fresh"),
    );
    expect(inside).toBe("fresh");
  });

  it("does not keep a computation that failed", async () => {
    const reads = hubReads<string>("failing", { topics: ["rag"] });
    await expect(
      reads.forHub(env.db, hub.id, "k", async () => {
        throw new Error("database went away");
      }),
    ).rejects.toThrow("database went away");
    expect(await reads.forHub(env.db, hub.id, "k", async () => "second try")).toBe("second try");
  });
});
