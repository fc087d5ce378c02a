import { afterAll, beforeAll, expect, it } from "vitest";
import { anonymous, createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { DEMO_PLAN_SUMMARY, DEMO_PLAN_TITLE, loadDemoPlan } from "./plans-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

it("gives the demo hub a plan shaped like seed 002, with live targets and a glossary", async () => {
  const hub = await seedHub(env.db, "demo-plan");
  await env.db.transaction((tx) => loadDemoPlan(tx, hub.actor, hub.users.hub_staff.id));
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const [summary] = (await staff.get("/api/plans")).json();
  expect(summary).toMatchObject({ title: DEMO_PLAN_TITLE, objectives: 5 });
  const plan = (await staff.get(`/api/plans/${summary.id}`)).json();
  type T = { measure: string | null; currentText: string | null; trend: unknown[] };
  const targets: T[] = plan.objectives.flatMap((o: { actions: { targets: T[] }[] }) =>
    o.actions.flatMap((a) => a.targets),
  );
  const live = targets.filter((t) => t.measure);
  expect(live.length).toBeGreaterThanOrEqual(6);
  const visited = live.find((t) => t.measure === "schools_visited_share");
  expect(visited?.currentText).toMatch(/^0% \(0 of 1\)$/);
  expect(visited?.trend).toHaveLength(1);
  // CPD reach is measured from the CPD programme's bookings (none in this test hub).
  expect(live.find((t) => t.measure === "cpd_schools_reached_share")?.currentText).toMatch(/^0% \(0 of 1\)$/);
  expect(
    (await staff.get("/api/plans/glossary")).json().map((r: { abbreviation: string }) => r.abbreviation),
  ).toContain("SLE");
  // Its summary is published: every objective, with targets and their latest values.
  const pub = (await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/plan`)).json();
  expect(pub.plans[0]).toMatchObject({ title: DEMO_PLAN_TITLE, summary: DEMO_PLAN_SUMMARY });
  expect(pub.plans[0].objectives).toHaveLength(5);
  expect(
    pub.plans[0].objectives.flatMap((o: { targets: { value: string | null }[] }) => o.targets),
  ).toContainEqual(expect.objectContaining({ value: "0% (0 of 1)" }));
});
