import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestEnv, signInAs, type TestEnv } from "../testing/harness";
import { DEMO_HUB, loadDemo } from "./demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

it("the demo hub has a past round with Lead Schools in office, gaps to show, and an open round in progress", async () => {
  await loadDemo(env.db, { password: "tutti-demo-2026", env: "test" });
  const staff = await signInAs(env.app, "staff@northshire-hub.example", "tutti-demo-2026");
  const leads = (await staff.get("/api/lead-schools")).json();
  expect(leads.total).toBeGreaterThanOrEqual(5);
  const coverage = (await staff.get("/api/lead-schools/coverage")).json();
  expect(coverage.gaps).toContainEqual(
    expect.objectContaining({ kind: "focus_area", focusArea: "composition_improvisation" }),
  );
  const rounds = (await staff.get("/api/lead-school-rounds")).json();
  expect(rounds.map((r: { stage: string }) => r.stage).sort()).toEqual(["announced", "open"]);
  const open = rounds.find((r: { stage: string }) => r.stage === "open");
  const apps = (await staff.get(`/api/lead-school-applications?roundId=${open.id}`)).json();
  expect(apps.items.every((a: { status: string }) => a.status === "draft")).toBe(true);
  expect(apps.total).toBeGreaterThan(0);
  const pub = await env.app.inject({ method: "GET", url: `/api/public/hubs/${DEMO_HUB.slug}/lead-schools` });
  expect(pub.json().leadSchools.length).toBe(leads.total);
});
