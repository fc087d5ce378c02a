import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas, auditLog, schools } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { seedSchools } from "./schools.fixtures";

// Issue 7 item 17: the "before" of an audit entry is what the change really replaced, even when
// many people edit the same thing at once. Twenty real requests run in parallel against
// PostgreSQL; their audit entries must chain: each one's before is the previous one's after.
let env: TestEnv;
let hub: TestHub;
let admin: Agent;
let staff: Agent;
let schoolId: string;
const URN = 630001;
const PARALLEL = 20;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "parallel");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  const [school] = await seedSchools(env.db, hub.id, [
    { urn: URN, name: "Hollowmere Primary School", pupils: 500, district: "Hollowmere" },
  ]);
  schoolId = school?.id ?? "";
});
afterAll(async () => {
  await env?.close();
});

const entriesFor = (entity: string, entityId: string) =>
  env.db
    .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.hubId, hub.id), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));

/** Each entry's before[field] is the previous entry's after[field]: no change is lost. */
const expectChain = (
  entries: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }[],
  field: string,
  first: unknown,
) => {
  let last = first;
  for (const e of entries) {
    expect(e.before?.[field] ?? null).toEqual(last);
    last = e.after?.[field] ?? null;
  }
  return last;
};

const parallel = async (send: (i: number) => Promise<{ statusCode: number }>) => {
  const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => send(i)));
  expect(answers.map((a) => a.statusCode)).toEqual(Array(PARALLEL).fill(200));
};

describe("twenty parallel edits of one field", () => {
  it("of a school's tags give twenty audit entries whose before and after chain", async () => {
    await parallel((i) => staff.patch(`/api/schools/${URN}`, { tags: [`tag-${i}`] }));
    const entries = await entriesFor("school", schoolId);
    expect(entries).toHaveLength(PARALLEL);
    const last = expectChain(entries, "tags", []);
    const [row] = await env.db.select({ tags: schools.tags }).from(schools).where(eq(schools.id, schoolId));
    expect(row?.tags).toEqual(last);
  });

  it("of a contact's name: one creation, then nineteen updates, chained", async () => {
    await parallel((i) =>
      staff.request({
        method: "PUT",
        url: `/api/schools/${URN}/contacts/music_lead`,
        payload: { name: `Lead Number ${i}` },
      }),
    );
    const entries = await entriesFor("school_contact", `${URN}:music_lead`);
    expect(entries.map((e) => e.action)).toEqual(["create", ...Array(PARALLEL - 1).fill("update")]);
    const [created, ...updates] = entries;
    expectChain(updates, "name", created?.after?.name);
  });

  it("of a music figure give twenty entries, chained", async () => {
    await parallel((i) =>
      staff.request({
        method: "PUT",
        url: `/api/schools/${URN}/music-data/2025-26`,
        payload: { wcetPupils: i + 1 },
      }),
    );
    const entries = await entriesFor("school_music_data", `${URN}:2025/26`);
    expect(entries).toHaveLength(PARALLEL);
    expect(entries[0]?.action).toBe("create");
    expectChain(entries.slice(1), "wcetPupils", entries[0]?.after?.wcetPupils);
  });

  it("of an area's name give twenty entries, chained", async () => {
    const [area] = await env.db.insert(areas).values({ hubId: hub.id, name: "Area Start" }).returning();
    const id = area?.id ?? "";
    await parallel((i) => admin.patch(`/api/areas/${id}`, { name: `Area ${i}` }));
    const entries = await entriesFor("area", id);
    expect(entries).toHaveLength(PARALLEL);
    expectChain(entries, "name", "Area Start");
  });
});

describe("bulk changes in parallel", () => {
  it("link officers set by filter and by URN, alternately, chain on each school", async () => {
    const officers = [hub.users.hub_admin.id, hub.users.hub_staff.id];
    const before = await entriesFor("school", schoolId);
    await parallel((i) =>
      admin.request({
        method: "POST",
        url: "/api/link-officers/assign",
        payload:
          i % 2 === 0
            ? { filter: { q: "hollowmere" }, userId: officers[i % 4 < 2 ? 0 : 1] }
            : { urns: [URN], userId: officers[i % 4 < 2 ? 0 : 1] },
      }),
    );
    const entries = (await entriesFor("school", schoolId)).slice(before.length);
    expect(entries.length).toBeGreaterThan(0);
    const last = expectChain(entries, "linkOfficerId", null);
    const [row] = await env.db
      .select({ officer: schools.linkOfficerId })
      .from(schools)
      .where(eq(schools.id, schoolId));
    expect(row?.officer).toBe(last);
  });
});
