import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client";
import { freshnessOf, stopFreshness } from "../../db/freshness";
import { areas, hubs, schoolContacts, schoolMusicData, schools, users } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { createSchoolDirectory } from "./school-directory";
import { seedSchools } from "./schools.fixtures";

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let secondPool: pg.Pool;
let secondDb: Db;

const versionOf = async (hubId: string): Promise<number> => {
  const [row] = await env.db.select({ v: hubs.schoolsVersion }).from(hubs).where(eq(hubs.id, hubId));
  return row?.v ?? -1;
};

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "directory");
  other = await seedHub(env.db, "directory-other");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  await seedSchools(env.db, hub.id, [
    { urn: 410001, name: "Larkspur Primary School", town: "Kestwick" },
    { urn: 410002, name: "Quarry Hill Academy", phase: "secondary", town: "Hallerby" },
  ]);
  // A second handle on the same database: another process of Tutti, as far as caches go.
  secondPool = new pg.Pool({ ...env.pool.options, max: 2 });
  secondDb = createDb(secondPool);
});

afterAll(async () => {
  if (secondDb) await stopFreshness(secondDb);
  await secondPool?.end();
  await env?.close();
});

describe("hubs.schools_version (the directory's signal that a hub changed)", () => {
  it("rises when a hub's schools are added, changed or removed, and only for that hub", async () => {
    const before = await versionOf(hub.id);
    const otherBefore = await versionOf(other.id);
    const [row] = await seedSchools(env.db, hub.id, [{ urn: 410003, name: "Temporary School" }]);
    const afterInsert = await versionOf(hub.id);
    expect(afterInsert).toBeGreaterThan(before);
    await env.db.update(schools).set({ pupils: 12 }).where(eq(schools.urn, 410003));
    const afterUpdate = await versionOf(hub.id);
    expect(afterUpdate).toBeGreaterThan(afterInsert);
    await env.db.delete(schools).where(eq(schools.id, row?.id ?? ""));
    expect(await versionOf(hub.id)).toBeGreaterThan(afterUpdate);
    expect(await versionOf(other.id)).toBe(otherBefore);
  });

  it("rises when an area is added, renamed or removed", async () => {
    const v0 = await versionOf(hub.id);
    const [area] = await env.db.insert(areas).values({ hubId: hub.id, name: "Moorside" }).returning();
    const v1 = await versionOf(hub.id);
    expect(v1).toBeGreaterThan(v0);
    await env.db
      .update(areas)
      .set({ name: "Moorside East" })
      .where(eq(areas.id, area?.id ?? ""));
    const v2 = await versionOf(hub.id);
    expect(v2).toBeGreaterThan(v1);
    await env.db.delete(areas).where(eq(areas.id, area?.id ?? ""));
    expect(await versionOf(hub.id)).toBeGreaterThan(v2);
  });

  it("rises in every hub of a member who is renamed, and not when nothing shown changes", async () => {
    const v0 = await versionOf(hub.id);
    const staffId = hub.users.hub_staff.id;
    await env.db.update(users).set({ name: "Renamed Staff" }).where(eq(users.id, staffId));
    const v1 = await versionOf(hub.id);
    expect(v1).toBeGreaterThan(v0);
    await env.db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, staffId));
    expect(await versionOf(hub.id)).toBe(v1);
  });
});

describe("the school list reads what was just written", () => {
  it("shows a school's new area at once, and the area's new name", async () => {
    const created = await admin.post("/api/areas", { name: "Fenside" });
    expect(created.statusCode).toBe(201);
    const areaId = created.json<{ id: string }>().id;
    expect((await admin.get(`/api/schools?area=${areaId}`)).json<{ total: number }>().total).toBe(0);
    const patched = await admin.patch("/api/schools/410001", { areaId });
    expect(patched.statusCode).toBe(200);
    const listed = await admin.get(`/api/schools?area=${areaId}`);
    expect(listed.json<{ items: { urn: number; areaName: string }[] }>().items).toEqual([
      expect.objectContaining({ urn: 410001, areaName: "Fenside" }),
    ]);
    expect((await admin.patch(`/api/areas/${areaId}`, { name: "Fenside West" })).statusCode).toBe(200);
    const renamed = await admin.get("/api/schools?q=larkspur");
    expect(renamed.json<{ items: { areaName: string }[] }>().items[0]?.areaName).toBe("Fenside West");
  });

  it("another process's directory sees a write made through this one", async () => {
    const elsewhere = createSchoolDirectory(secondDb);
    const page = { sort: "name" as const, dir: "asc" as const, page: 1, pageSize: 25 };
    const before = await elsewhere.page(hub.id, { ...page, q: "quarry" });
    expect(before.items[0]?.tags).toEqual([]);
    const patched = await admin.patch("/api/schools/410002", { tags: ["singing"] });
    expect(patched.statusCode).toBe(200);
    await freshnessOf(secondDb)?.settle(); // that process has heard the notification
    const after = await elsewhere.page(hub.id, { ...page, q: "quarry" });
    expect(after.items[0]?.tags).toEqual(["singing"]);
    expect((await elsewhere.page(hub.id, { ...page, tag: "singing" })).total).toBe(1);
  });

  it("keeps each hub's schools to itself", async () => {
    const elsewhere = createSchoolDirectory(secondDb);
    const page = { sort: "name" as const, dir: "asc" as const, page: 1, pageSize: 25 };
    const mine = await elsewhere.page(hub.id, page);
    const theirs = await elsewhere.page(other.id, page);
    expect(mine.items.map((s) => s.urn)).toContain(410001);
    expect(theirs.items.map((s) => s.urn)).not.toContain(410001);
    expect(theirs.total).toBe(1);
  });
});

describe("a school's profile reads what was just written", () => {
  it("shows contacts and music figures written by this process or by another at once", async () => {
    const first = await admin.get("/api/schools/410001");
    expect(first.statusCode).toBe(200);
    expect(first.json<{ contacts: unknown[] }>().contacts).toEqual([]);
    const put = await admin.request({
      method: "PUT",
      url: "/api/schools/410001/contacts/music_lead",
      payload: { name: "Robin Fictional" },
    });
    expect(put.statusCode).toBe(200);
    const second = await admin.get("/api/schools/410001");
    expect(second.json<{ contacts: { name: string }[] }>().contacts).toEqual([
      expect.objectContaining({ name: "Robin Fictional" }),
    ]);
    // Another process writes straight to the tables.
    const [school] = await env.db.select().from(schools).where(eq(schools.urn, 410001));
    await env.db
      .update(schoolContacts)
      .set({ name: "Robin Renamed" })
      .where(eq(schoolContacts.schoolId, school?.id ?? ""));
    await env.db.insert(schoolMusicData).values({
      hubId: hub.id,
      schoolId: school?.id ?? "",
      academicYear: "2025/26",
      wcetPupils: 28,
    });
    // Heard by this process once PostgreSQL has delivered the notifications (decision 013).
    await freshnessOf(env.db)?.settle();
    const third = await admin.get("/api/schools/410001");
    const body = third.json<{
      contacts: { name: string }[];
      musicData: { academicYear: string; wcetPupils: number }[];
    }>();
    expect(body.contacts[0]?.name).toBe("Robin Renamed");
    expect(body.musicData).toEqual([expect.objectContaining({ academicYear: "2025/26", wcetPupils: 28 })]);
  });
});

describe("writes made on another connection", () => {
  it("show in the list and the profile once their notification is heard", async () => {
    // A connection of its own, outside every pool Tutti watches: another server, a CLI command.
    const other = new pg.Client({ ...env.pool.options });
    await other.connect();
    try {
      expect((await admin.get("/api/schools?q=quarry")).json<{ total: number }>().total).toBe(1);
      expect((await admin.get("/api/schools/410002")).json<{ pupils: number | null }>().pupils).toBeNull();
      await other.query(
        "update schools set pupils = 777, name = 'Quarry Hill Renamed Academy' where urn = 410002",
      );
      await freshnessOf(env.db)?.settle();
      const listed = await admin.get("/api/schools?q=renamed");
      expect(listed.json<{ items: { urn: number; pupils: number }[] }>().items).toEqual([
        expect.objectContaining({ urn: 410002, pupils: 777 }),
      ]);
      expect((await admin.get("/api/schools/410002")).json<{ pupils: number }>().pupils).toBe(777);
    } finally {
      await other.end();
    }
  });
});
