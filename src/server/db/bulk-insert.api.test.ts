import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, seedHub, type TestEnv } from "../testing/harness";
import { insertRows } from "./bulk-insert";
import { areas, auditLog } from "./schema/index";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe("insertRows: many rows in one statement", () => {
  it("writes arrays, JSON, dates and NULLs as Drizzle would, and fills the columns left out with their defaults", async () => {
    const hub = await seedHub(env.db, "bulk");
    const at = new Date("2026-03-01T10:00:00.000Z");
    const back = await insertRows(
      env.db,
      areas,
      [
        {
          hubId: hub.id,
          name: "Bulk North",
          districts: ["North, Town"],
          postcodePrefixes: ["NB1", "NB2"],
          createdAt: at,
        },
        { hubId: hub.id, name: "Bulk South", districts: [], postcodePrefixes: ['N"B3'], createdAt: at },
      ],
      ["id", "name"],
    );
    expect(back.map((r) => r.name).sort()).toEqual(["Bulk North", "Bulk South"]);
    const rows = await env.db.select().from(areas).where(eq(areas.hubId, hub.id)).orderBy(areas.name);
    expect(rows.map((r) => [r.name, r.districts, r.postcodePrefixes, r.createdAt.toISOString()])).toEqual([
      ["Bulk North", ["North, Town"], ["NB1", "NB2"], at.toISOString()],
      ["Bulk South", [], ['N"B3'], at.toISOString()],
    ]);
    expect(back.find((r) => r.name === "Bulk North")?.id).toBe(rows[0]?.id);
    // read back as Drizzle reads: a timestamp as a Date
    const [dated] = await insertRows(
      env.db,
      areas,
      [{ hubId: hub.id, name: "Bulk East", districts: [], postcodePrefixes: [], createdAt: at }],
      ["createdAt"],
    );
    expect(dated?.createdAt).toBeInstanceOf(Date);
    expect(dated?.createdAt.toISOString()).toBe(at.toISOString());

    await insertRows(env.db, auditLog, [
      {
        hubId: hub.id,
        actorId: null,
        action: "create",
        entity: "bulk",
        entityId: "1",
        before: null,
        after: { n: 1, nested: { a: [1, "two"] } },
      },
      {
        hubId: hub.id,
        actorId: null,
        action: "create",
        entity: "bulk",
        entityId: "2",
        before: null,
        after: null,
      },
    ]);
    const audit = await env.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, "bulk"))
      .orderBy(auditLog.entityId);
    expect(audit.map((a) => [a.entityId, a.before, a.after])).toEqual([
      ["1", null, { n: 1, nested: { a: [1, "two"] } }],
      ["2", null, null],
    ]);
    expect(audit[0]?.at).toBeInstanceOf(Date); // the column default
  });

  it("writes nothing for no rows, and refuses rows that do not all give the same fields", async () => {
    expect(await insertRows(env.db, areas, [], ["id"])).toEqual([]);
    const hub = await seedHub(env.db, "bulk-refused");
    await expect(
      insertRows(env.db, areas, [
        { hubId: hub.id, name: "One", districts: ["A"] },
        { hubId: hub.id, name: "Two" },
      ]),
    ).rejects.toThrow(/every row must give the same fields/);
    expect(await env.db.select().from(areas).where(eq(areas.hubId, hub.id))).toEqual([]);
  });
});
