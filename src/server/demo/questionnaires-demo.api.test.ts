import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { DEMO_AUDIT_TITLE, loadDemoQuestionnaires } from "./questionnaires-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

it("publishes the demo audit, ready for a school to fill in", async () => {
  const hub = await seedHub(env.db, "demo-q");
  await env.db.transaction((tx) => loadDemoQuestionnaires(tx, hub.actor));
  const school = await signInAs(env.app, hub.users.school_user.email);
  const available = (await school.get("/api/questionnaires/available")).json();
  expect(available).toMatchObject([{ title: DEMO_AUDIT_TITLE, purpose: "audit", latestVersion: 1 }]);
  const started = await school.post("/api/questionnaires/responses", { templateId: available[0].id });
  expect(started.statusCode).toBe(201);
  expect(Object.keys(started.json().errors)).toEqual([
    "music-lead",
    "wcet-pupils",
    "has-choir",
    "confidence",
    "focus",
  ]);
});
