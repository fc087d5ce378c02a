import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/harness";
import { openDatabase } from "./client";
import { localWrites } from "./local-writes";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe("local writes (what lets the caches skip asking the database)", () => {
  it("counts a write once sent and once answered, and not a read", async () => {
    const before = localWrites();
    await env.db.execute(sql`select 1`);
    expect(localWrites()).toBe(before);
    await env.db.execute(sql`update hubs set name = name where false`);
    expect(localWrites()).toBe(before + 2);
  });

  it("counts a transaction's COMMIT once it is answered", async () => {
    const before = localWrites();
    let during = -1;
    await env.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      during = localWrites();
    });
    expect(during).toBe(before);
    expect(localWrites()).toBe(before + 2);
  });

  it("counts writes on every connection of the pool, including ones opened before", async () => {
    const clients = await Promise.all([env.pool.connect(), env.pool.connect(), env.pool.connect()]);
    for (const c of clients) c.release();
    const before = localWrites();
    await Promise.all(
      Array.from({ length: 6 }, () => env.pool.query("update hubs set name = name where false")),
    );
    expect(localWrites()).toBe(before + 12);
  });

  it("counts writes on the connection openDatabase opens to check the server", async () => {
    const url = (env.pool.options as { connectionString?: string }).connectionString;
    expect(url).toBeTruthy();
    // One connection only: the one opened to check the server is the one every query uses.
    const database = await openDatabase({ databaseUrl: url, dataDir: "", poolSize: 1 });
    try {
      const before = localWrites();
      await database.pool.query("update hubs set name = name where false");
      expect(localWrites()).toBe(before + 2);
    } finally {
      await database.close();
    }
  });
});
