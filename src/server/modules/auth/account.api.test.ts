import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/index";
import {
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { addUserToHub } from "../hubs/hubs.service";

let env: TestEnv;
let hub: TestHub;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "account");
});
afterAll(() => env.close());

const NEW_PASSWORD = "violin-harbour-lantern";

describe("one's own account", () => {
  it("shows one's name, hubs and roles, and the devices signed in", async () => {
    const other = await seedHub(env.db, "account-two");
    await addUserToHub(env.db, other.actor, {
      email: hub.users.hub_staff.email,
      name: "x",
      role: "hub_admin",
    });
    const agent = await signInAs(env.app, hub.users.hub_staff.email);
    await signInAs(env.app, hub.users.hub_staff.email);
    const res = await agent.get("/api/account");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: "hub_staff of account", email: hub.users.hub_staff.email });
    expect(res.json().sessions).toBe(2);
    expect(
      res
        .json()
        .memberships.map((m: { hubName: string; role: string }) => `${m.hubName}: ${m.role}`)
        .sort(),
    ).toEqual([`${hub.name}: hub_staff`, `${other.name}: hub_admin`].sort());
    expect((await anonymous(env.app).get("/api/account")).statusCode).toBe(401);
  });

  it("changes one's name, seen at once, audited in each of one's hubs", async () => {
    const agent = await signInAs(env.app, hub.users.school_user.email);
    const res = await agent.patch("/api/account", { name: "  Rowan Fielding-Test  " });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe("Rowan Fielding-Test");
    expect((await agent.get("/api/me")).json().user.name).toBe("Rowan Fielding-Test");
    const entries = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, hub.users.school_user.id)));
    const rename = entries.find((e) => e.action === "update");
    expect(rename?.hubId).toBe(hub.id);
    expect(rename?.before).toEqual({ name: "school_user of account" });
    expect(rename?.after).toEqual({ name: "Rowan Fielding-Test" });
  });

  it("refuses an empty or too-long name in plain words", async () => {
    const agent = await signInAs(env.app, hub.users.partner_user.email);
    const empty = await agent.patch("/api/account", { name: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields).toEqual([{ path: "name", message: "Enter your name" }]);
    const long = await agent.patch("/api/account", { name: "n".repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toBe("Name must be 200 characters or fewer");
    expect((await agent.patch("/api/account", { name: 7 })).json().error.message).toBe("Name must be text");
  });
});

describe("changing one's password", () => {
  it("needs the current password, applies the rule, and ends every other session", async () => {
    const email = hub.users.hub_admin.email;
    const agent = await signInAs(env.app, email);
    const elsewhere = await signInAs(env.app, email);
    const wrong = await agent.post("/api/account/password", {
      currentPassword: "not-my-password",
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual([
      { path: "currentPassword", message: "Your current password is not right" },
    ]);
    const common = await agent.post("/api/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "password1234",
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details.fields[0].path).toBe("newPassword");
    const short = await agent.post("/api/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(short.json().error.message).toBe("Use at least 12 characters");

    const ok = await agent.post("/api/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await agent.get("/api/me")).statusCode).toBe(200);
    expect((await elsewhere.get("/api/me")).statusCode).toBe(401);
    expect(
      (await anonymous(env.app).post("/api/auth/sign-in", { email, password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
    await signInAs(env.app, email, NEW_PASSWORD);
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    const agent = await signInAs(env.app, hub.users.partner_user.email);
    const tries = await Promise.all(
      Array.from({ length: 8 }, () =>
        agent.post("/api/account/password", {
          currentPassword: "guess-guess-guess",
          newPassword: NEW_PASSWORD,
        }),
      ),
    );
    const codes = tries.map((t) => t.statusCode).sort();
    expect(codes.filter((c) => c === 400)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(3);
    // The session is not ended by the guesses.
    expect((await agent.get("/api/account")).statusCode).toBe(200);
  });
});

describe("signing out everywhere", () => {
  it("ends the other sessions, or all of them with this one", async () => {
    const email = hub.users.hub_staff.email;
    const here = await signInAs(env.app, email);
    const there = await signInAs(env.app, email);
    const bad = await here.post("/api/account/sign-out-everywhere", { includeThisDevice: "yes" });
    expect(bad.statusCode).toBe(400);
    expect(
      (await here.post("/api/account/sign-out-everywhere", { includeThisDevice: false })).statusCode,
    ).toBe(204);
    expect((await there.get("/api/me")).statusCode).toBe(401);
    expect((await here.get("/api/account")).json().sessions).toBe(1);
    const all = await here.post("/api/account/sign-out-everywhere", { includeThisDevice: true });
    expect(all.statusCode).toBe(204);
    expect(all.cookies.find((c) => c.name === "tutti_session")?.value).toBe("");
    expect((await here.get("/api/me")).statusCode).toBe(401);
    expect(
      (await anonymous(env.app).post("/api/account/sign-out-everywhere", { includeThisDevice: true }))
        .statusCode,
    ).toBe(401);
  });
});
