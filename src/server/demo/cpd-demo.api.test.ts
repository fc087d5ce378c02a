import { afterAll, beforeAll, expect, it } from "vitest";
import { seedSchools } from "../modules/schools/schools.fixtures";
import { anonymous, createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { loadDemoCpd } from "./cpd-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

it("loads a year of CPD with bookings, never above capacity, shown in the catalogue and reach", async () => {
  const hub = await seedHub(env.db, "demo-cpd");
  await seedSchools(
    env.db,
    hub.id,
    Array.from({ length: 60 }, (_, i) => ({ urn: 600000 + i, name: `Demo School ${i}` })),
  );
  const started = Date.now();
  await env.db.transaction((tx) => loadDemoCpd(tx, hub.actor));
  expect(Date.now() - started).toBeLessThan(5000);
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const events = (await staff.get("/api/cpd/events?pageSize=200")).json();
  expect(events.total).toBe(52);
  for (const e of events.items) expect(e.booked).toBeLessThanOrEqual(e.capacity);
  expect(events.items.some((e: { waitlisted: number }) => e.waitlisted > 0)).toBe(true);
  const catalogue = (await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/cpd`)).json();
  expect(catalogue.total).toBeGreaterThan(20);
  const reach = (await staff.get("/api/cpd/reach")).json();
  expect(reach.nationalReturn.attendees).toBeGreaterThan(0);
});
