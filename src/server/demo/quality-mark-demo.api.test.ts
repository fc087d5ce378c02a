import { afterAll, beforeAll, expect, it } from "vitest";
import { seedSchools } from "../modules/schools/schools.fixtures";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { loadDemoQualityMark } from "./quality-mark-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock: () => new Date("2026-12-02T09:00:00Z") });
});
afterAll(() => env.close());

it("loads two past years of awards, leaving the demo school user's school out", async () => {
  const hub = await seedHub(env.db, "demo-qm");
  await seedSchools(
    env.db,
    hub.id,
    Array.from({ length: 200 }, (_, i) => ({ urn: 600000 + i, name: `Demo School ${i}` })),
  );
  const { awards } = await env.db.transaction((tx) =>
    loadDemoQualityMark(tx, hub.actor, {
      skipSchoolId: hub.schoolId,
      moderatorId: hub.users.hub_admin.id,
      now: new Date("2026-12-02T09:00:00Z"),
    }),
  );
  expect(awards).toBeGreaterThan(20);
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  for (const year of ["2024/25", "2025/26"]) {
    const list = (await staff.get(`/api/quality-mark/awards?year=${year}`)).json();
    expect(list.total).toBeGreaterThan(5);
    const figures = (await staff.get(`/api/quality-mark/figures?year=${year}`)).json();
    expect(figures.applied).toBeGreaterThan(list.total - 1);
  }
  const school = await signInAs(env.app, hub.users.school_user.email);
  expect((await school.get("/api/quality-mark/awards")).json().total).toBe(0);
  const pub = (await env.app.inject({ url: `/api/public/hubs/${hub.slug}/quality-mark` })).json();
  expect(pub.items.length).toBeGreaterThan(10);
});
