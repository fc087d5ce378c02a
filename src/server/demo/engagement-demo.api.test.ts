import { afterAll, beforeAll, expect, it } from "vitest";
import { seedSchools } from "../modules/schools/schools.fixtures";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { loadDemoEngagement } from "./engagement-demo";

const NOW = new Date("2026-12-02T10:00:00Z");
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
});
afterAll(() => env.close());

it("gives the demo hub a year of visits, approved and draft reports, and next steps some overdue", async () => {
  const hub = await seedHub(env.db, "demo-eng");
  await seedSchools(
    env.db,
    hub.id,
    Array.from({ length: 60 }, (_, i) => ({ urn: 510000 + i, name: `Demo School ${i}` })),
  );
  const started = performance.now();
  await env.db.transaction((tx) =>
    loadDemoEngagement(tx, hub.actor, [hub.users.hub_staff.id, hub.users.hub_admin.id], hub.schoolId, NOW),
  );
  expect(performance.now() - started).toBeLessThan(5000);
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const last = (await staff.get("/api/engagement/coverage?year=2025/26")).json();
  const now = (await staff.get("/api/engagement/coverage?year=2026/27")).json();
  expect(last.visited).toBeGreaterThan(15);
  expect(now.visited).toBeGreaterThan(5);
  expect(now.visited).toBeLessThan(now.schools);
  expect(now.overdueFollowUps.length).toBeGreaterThan(0);
  const reports = (await staff.get("/api/engagement/reports")).json();
  expect(reports.some((r: { status: string }) => r.status === "draft")).toBe(true);
  expect(reports.filter((r: { status: string }) => r.status === "approved").length).toBeGreaterThan(20);
  const ahead = (await staff.get("/api/visits?from=2026-12-02")).json();
  expect(ahead.total).toBeGreaterThan(0);
  // The school user's school has a shared report to download.
  const school = await signInAs(env.app, hub.users.school_user.email);
  const shared = (await school.get("/api/engagement/reports")).json();
  expect(shared.length).toBeGreaterThan(0);
  const pdf = await school.get(`/api/visits/${shared[0].visitId}/report.pdf`);
  expect(pdf.statusCode).toBe(200);
});
