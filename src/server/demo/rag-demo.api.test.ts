import { afterAll, beforeAll, expect, it } from "vitest";
import { seedSchools } from "../modules/schools/schools.fixtures";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { loadDemoRatings } from "./rag-demo";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

it("rates some demo schools, with a history and who set each, shown on the board", async () => {
  const hub = await seedHub(env.db, "demo-rag");
  await seedSchools(
    env.db,
    hub.id,
    Array.from({ length: 40 }, (_, i) => ({ urn: 500000 + i, name: `Demo School ${i}` })),
  );
  await env.db.transaction((tx) => loadDemoRatings(tx, hub.actor, [hub.users.hub_staff.id]));
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const board = (await staff.get("/api/engagement/rag-board")).json();
  const rated = board.counts.red + board.counts.amber + board.counts.green;
  expect(rated).toBeGreaterThanOrEqual(2);
  const first = board.items[0];
  const rag = (await staff.get(`/api/schools/${first.urn}/rag`)).json();
  expect(rag.current).toMatchObject({ rating: first.current.rating, setBy: "hub_staff of demo-rag" });
  expect(rag.current.reason.length).toBeGreaterThan(10);
  // a school rated twice: its current rating is the later one, and both are in its history
  const histories = await Promise.all(
    board.items.map(async (item: { urn: number }) =>
      (await staff.get(`/api/schools/${item.urn}/rag`)).json(),
    ),
  );
  const twice = histories.find((h) => h.history.length === 2);
  expect(twice).toBeDefined();
  const [newest, older] = twice.history;
  expect(new Date(newest.setAt).getTime()).toBeGreaterThan(new Date(older.setAt).getTime());
  expect(twice.current).toMatchObject({ rating: newest.rating, reason: newest.reason, setAt: newest.setAt });
});
