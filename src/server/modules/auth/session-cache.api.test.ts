import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshnessOf } from "../../db/freshness";
import { memberships, sessions } from "../../db/schema/index";
import { createTestEnv, seedHub, signInAs, type TestEnv, type TestHub } from "../../testing/harness";

// Sessions are kept in memory for two seconds (session-cache.ts, decision 008) and forgotten
// when the database notifies a change (decision 013). These prove that what takes access away
// does so at once after the write request answers, and, when another connection does it, as
// soon as its notification is heard (db/freshness.api.test.ts does it from another process).
let env: TestEnv;
let hub: TestHub;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "kept");
});
afterAll(async () => {
  await env?.close();
});

describe("kept sessions", () => {
  it("are refused at once after signing out", async () => {
    const agent = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await agent.get("/api/me")).statusCode).toBe(200);
    expect((await agent.post("/api/auth/sign-out")).statusCode).toBe(204);
    expect((await agent.get("/api/me")).statusCode).toBe(401);
  });

  it("lose a deactivated member's access at once", async () => {
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await staff.get("/api/schools")).statusCode).toBe(200);
    const res = await admin.patch(`/api/users/${hub.users.hub_staff.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect((await staff.get("/api/schools")).statusCode).toBe(401);
    await admin.patch(`/api/users/${hub.users.hub_staff.id}`, { active: true });
  });

  it("take a role change at once", async () => {
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await staff.get("/api/schools/export?format=csv")).statusCode).toBe(200);
    await admin.patch(`/api/users/${hub.users.hub_staff.id}`, {
      role: "partner_user",
      partnerId: hub.partnerId,
    });
    expect((await staff.get("/api/schools/export?format=csv")).statusCode).toBe(403);
    await admin.patch(`/api/users/${hub.users.hub_staff.id}`, { role: "hub_staff", partnerId: null });
  });

  it("see a change made on another connection once its notification is heard", async () => {
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await staff.get("/api/me")).statusCode).toBe(200);
    // Another process (a CLI command, another server) removes every session of the member.
    await env.db.delete(sessions).where(eq(sessions.userId, hub.users.hub_staff.id));
    await freshnessOf(env.db)?.settle();
    expect((await staff.get("/api/me")).statusCode).toBe(401);
    // And a membership changed elsewhere.
    const again = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await again.get("/api/schools")).statusCode).toBe(200);
    await env.db
      .update(memberships)
      .set({ active: false })
      .where(eq(memberships.userId, hub.users.hub_staff.id));
    await freshnessOf(env.db)?.settle();
    expect((await again.get("/api/schools")).statusCode).toBe(401);
  });
});
