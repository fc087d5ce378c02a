import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { academicYearOf } from "../../shared/rules/academic-year";
import { auditLog, schoolMusicData, schools } from "../db/schema/index";
import { createTestEnv, signInAs, type TestEnv } from "../testing/harness";
import { DEMO_HUB, DEMO_USERS, loadDemo } from "./demo";
import { generateDemoSchools } from "./schools-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const PASSWORD = "tutti-demo-2026";

// The demo is written in bulk (db/bulk-insert.ts) for a quick first start: this proves the whole
// hub is still there, as the rows one at a time wrote it.
it("loads the whole demo hub: every school with its music years, provenance and audit, and accounts that sign in", async () => {
  const { hubId } = await loadDemo(env.db, { password: PASSWORD, env: "development" });
  const expected = generateDemoSchools({ seed: 2026, count: 400, currentYear: academicYearOf(new Date()) });
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n;

  expect(await n(env.db.select({ n: count() }).from(schools).where(eq(schools.hubId, hubId)))).toBe(
    expected.schools.length,
  );
  expect(
    await n(
      env.db
        .select({ n: count() })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), isNotNull(schools.areaId))),
    ),
  ).toBeGreaterThan(expected.schools.length / 2);
  expect(
    await n(env.db.select({ n: count() }).from(schoolMusicData).where(eq(schoolMusicData.hubId, hubId))),
  ).toBe(expected.musicData.length);
  // provenance is a JSON object per figure, not a JSON string
  const [kinds] = await env.db
    .select({
      objects: sql<number>`count(*) filter (where jsonb_typeof(${schoolMusicData.provenance}) = 'object')::int`,
    })
    .from(schoolMusicData)
    .where(eq(schoolMusicData.hubId, hubId));
  expect(kinds?.objects).toBe(expected.musicData.length);
  expect(
    await n(
      env.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.hubId, hubId), eq(auditLog.entity, "school"), eq(auditLog.action, "create"))),
    ),
  ).toBe(expected.schools.length);

  // the four accounts share the demo password (printed at every start): one argon2id hash
  const hashes = await env.db.execute<{ password_hash: string }>(
    sql`select distinct password_hash from users where email like '%@northshire-hub.example'`,
  );
  expect(hashes.rows).toHaveLength(1);
  expect(hashes.rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
  for (const u of DEMO_USERS) {
    const agent = await signInAs(env.app, u.email, PASSWORD);
    const hub = (await agent.get("/api/hubs/current")).json();
    expect(hub.slug).toBe(DEMO_HUB.slug);
  }
  const staff = await signInAs(env.app, "staff@northshire-hub.example", PASSWORD);
  const list = (await staff.get("/api/schools?pageSize=5")).json();
  expect(list.total).toBeGreaterThan(300);
  const profile = (await staff.get(`/api/schools/${list.items[0].urn}`)).json();
  expect(profile.urn).toBe(list.items[0].urn);
});
