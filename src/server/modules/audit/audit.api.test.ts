import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../../testing/harness";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe("audit log", () => {
  it("records who changed what, with before and after, and pages newest first", async () => {
    const hub = await seedHub(env.db, "audit");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const patched = await admin.patch(`/api/users/${hub.users.hub_staff.id}`, { role: "hub_admin" });
    expect(patched.statusCode).toBe(200);
    const page = await admin.get("/api/audit?pageSize=1&entity=membership&action=update");
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      action: "update",
      entity: "membership",
      entityId: hub.users.hub_staff.id,
      actorName: "hub_admin of audit",
      before: { role: "hub_staff" },
      after: { role: "hub_admin" },
    });
    const all = await admin.get("/api/audit?pageSize=200");
    const times = (all.json().items as { at: string }[]).map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("writes nothing when the change is refused: the audit entry shares the change's transaction", async () => {
    const hub = await seedHub(env.db, "audit-tx");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const before = (await admin.get("/api/audit?pageSize=200")).json().total;
    // demoting the last admin is refused after the membership was read in the transaction
    const refused = await admin.patch(`/api/users/${hub.users.hub_admin.id}`, { role: "hub_staff" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe("A hub needs at least one active hub admin");
    expect((await admin.get("/api/audit?pageSize=200")).json().total).toBe(before);
  });

  it("never shows another hub's entries", async () => {
    const a = await seedHub(env.db, "audit-a");
    const b = await seedHub(env.db, "audit-b");
    const adminB = await signInAs(env.app, b.users.hub_admin.email);
    const body = (await adminB.get("/api/audit?pageSize=200")).body;
    expect(body).not.toContain(a.users.hub_staff.email);
    expect(body).not.toContain(a.id);
  });
});
