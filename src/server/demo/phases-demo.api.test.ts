import { afterAll, beforeAll, expect, it } from "vitest";
import { seedSchools } from "../modules/schools/schools.fixtures";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { loadDemoPhases } from "./phases-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

it("gives the demo hub two phases, expressions of interest and submitted audits", async () => {
  const hub = await seedHub(env.db, "demo-phases");
  await seedSchools(
    env.db,
    hub.id,
    Array.from({ length: 80 }, (_, i) => ({
      urn: 600000 + i,
      name: `Demo School ${String(i).padStart(2, "0")}`,
    })),
  );
  await env.db.transaction((tx) =>
    loadDemoPhases(tx, hub.actor, { demoSchoolId: hub.schoolId, staffId: hub.users.hub_staff.id }),
  );
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const phases = (await staff.get("/api/engagement/phases")).json();
  expect(phases.map((p: { state: string; schools: number }) => [p.state, p.schools])).toEqual([
    ["current", 24],
    ["past", 24],
  ]);
  const pending = (await staff.get("/api/engagement/interests?status=pending")).json();
  expect(pending.total).toBe(4);
  const current = (await staff.get(`/api/engagement/phases/${phases[0].id}`)).json();
  const submitted = current.schoolList.filter((s: { audit: string }) => s.audit === "submitted");
  expect(submitted).toHaveLength(6);
  const home = (await staff.get("/api/home")).json();
  expect(home.cards.find((c: { kind: string }) => c.kind === "audits-waiting")).toMatchObject({ total: 2 });
  // The demo school user's school is left free for the journey.
  const school = await signInAs(env.app, hub.users.school_user.email);
  const mine = (await school.get("/api/engagement/audits/mine")).json();
  expect(mine.audits.map((a: { status: string }) => a.status)).toEqual(["not_started"]);
  expect((await school.post("/api/engagement/interests", { kind: "be_visited" })).statusCode).toBe(201);
});
