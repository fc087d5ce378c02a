import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema/index";
import {
  type Agent,
  agentFromResponse,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
} from "../../testing/harness";
import { mailsTo, tokenIn, waitForMail } from "../../testing/mail";

// Issue 7, items 1–3 and 5: invitations grant only their own hub, tell nothing about a person
// who already has an account, are used once, and deactivation ends sessions (decision 010).
let env: TestEnv;
let n = 0;
// Each request from its own address, so the per-address limit of the auth routes stays out of the way.
const from = () => `10.1.${Math.floor(++n / 250)}.${n % 250}`;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const accept = (payload: { token: string; name?: string; password: string }) =>
  env.app.inject({
    method: "POST",
    url: "/api/auth/invitations/accept",
    payload,
    remoteAddress: from(),
  });

const invite = (admin: Agent, email: string, name: string) =>
  admin.post("/api/users/invitations", { email, name, role: "hub_staff" });

describe("an invitation grants only its own hub", () => {
  it("a link minted by another hub never sets the password of, or activates, this hub's pending membership", async () => {
    const a = await seedHub(env.db, "inv-a");
    const b = await seedHub(env.db, "inv-b");
    const adminA = await signInAs(env.app, a.users.hub_admin.email);
    const adminB = await signInAs(env.app, b.users.hub_admin.email);
    const email = "pat.quill@example.test";

    // Hub A makes the account: its reply carries the link (its own new account).
    const byA = await invite(adminA, email, "Pat Quill");
    expect(byA.statusCode).toBe(201);
    const tokenA = tokenIn(byA.json().inviteUrl);
    expect(tokenA).not.toBe("");

    // Hub B invites the same address: no link in the reply, none in hub B's outbox.
    const byB = await invite(adminB, email, "P. Quill");
    expect(byB.statusCode).toBe(201);
    expect(byB.json().inviteUrl).toBeNull();
    expect(byB.body).not.toMatch(/token=/);
    const outboxB = await adminB.get("/api/outbox");
    expect(outboxB.body).not.toMatch(/token=/);
    expect(await mailsTo(env.db, email, b.id)).toEqual([]);

    // The person accepts hub B's link from their e-mail: hub B only.
    const mailB = await waitForMail(env.db, email, new RegExp(`invited to ${b.name}`));
    const tokenB = tokenIn(mailB.text);
    const acceptedB = await accept({ token: tokenB, name: "Pat Quill", password: "quill-violin-harbour" });
    expect(acceptedB.statusCode).toBe(200);
    const person = agentFromResponse(env.app, acceptedB);
    const me = (await person.get("/api/me")).json();
    expect(me.memberships.map((m: { hubId: string }) => m.hubId)).toEqual([b.id]);
    expect((await person.post("/api/auth/switch-hub", { hubId: a.id })).statusCode).toBe(404);
    const listedByA = (await adminA.get(`/api/users?q=${encodeURIComponent(email)}`)).json();
    expect(listedByA.items[0].status).toBe("invited");

    // Hub A's link, held by hub A's admin, can no longer set the password: it now asks for it.
    const infoA = await anonymous(env.app).get(`/api/auth/invitations/${tokenA}`);
    expect(infoA.json().existingAccount).toBe(true);
    const takeover = await accept({ token: tokenA, name: "Pat Quill", password: "chosen-by-hub-a-admin" });
    expect(takeover.statusCode).toBe(401);
    await signInAs(env.app, email, "quill-violin-harbour");

    // The person accepts hub A's link with their own password: now both hubs.
    const acceptedA = await accept({ token: tokenA, password: "quill-violin-harbour" });
    expect(acceptedA.statusCode).toBe(200);
    const both = acceptedA.json().memberships.map((m: { hubId: string }) => m.hubId);
    expect(both.sort()).toEqual([a.id, b.id].sort());
  });

  it("accepting ends every other session of the account", async () => {
    const a = await seedHub(env.db, "inv-end-a");
    const b = await seedHub(env.db, "inv-end-b");
    const adminB = await signInAs(env.app, b.users.hub_admin.email);
    const elsewhere = await signInAs(env.app, a.users.hub_staff.email);
    expect((await invite(adminB, a.users.hub_staff.email, "Staff From A")).statusCode).toBe(201);
    const mail = await waitForMail(env.db, a.users.hub_staff.email, new RegExp(`invited to ${b.name}`));
    const accepted = await accept({ token: tokenIn(mail.text), password: TEST_PASSWORD });
    expect(accepted.statusCode).toBe(200);
    expect((await elsewhere.get("/api/me")).statusCode).toBe(401);
    expect((await agentFromResponse(env.app, accepted).get("/api/me")).statusCode).toBe(200);
  });
});

describe("adding a person who already has an account", () => {
  it("tells the hub nothing about them and waits for them to accept the e-mailed link", async () => {
    const a = await seedHub(env.db, "known-a");
    const b = await seedHub(env.db, "known-b");
    const person = a.users.hub_staff;
    await signInAs(env.app, person.email); // so the account has a last sign-in to leak
    const adminB = await signInAs(env.app, b.users.hub_admin.email);

    const res = await invite(adminB, person.email, "Typed By B");
    expect(res.statusCode).toBe(201);
    const member = res.json().member;
    expect(member).toMatchObject({ name: "Typed By B", status: "invited", lastSignInAt: null });
    expect(res.body).not.toContain(a.name);
    expect(res.body).not.toContain("hub_staff of known-a");
    const listed = (await adminB.get(`/api/users?q=${encodeURIComponent(person.email)}`)).json();
    expect(listed.items[0]).toMatchObject({ name: "Typed By B", status: "invited", lastSignInAt: null });
    expect((await adminB.get(`/api/users?q=${encodeURIComponent("of known-a")}`)).json().total).toBe(0);

    // Not added silently: the person's sessions do not reach hub B until they accept.
    const before = await signInAs(env.app, person.email);
    expect((await before.post("/api/auth/switch-hub", { hubId: b.id })).statusCode).toBe(404);
    const mail = await waitForMail(env.db, person.email, new RegExp(`invited to ${b.name}`));
    expect(mail.hubId).toBeNull();
    expect(mail.text).toMatch(/accept with the password of your Tutti account/);
    const info = (await anonymous(env.app).get(`/api/auth/invitations/${tokenIn(mail.text)}`)).json();
    expect(info).toMatchObject({ name: "Typed By B", hubName: b.name, existingAccount: true });
    const wrong = await accept({ token: tokenIn(mail.text), password: "not-their-password" });
    expect(wrong.statusCode).toBe(401);
    const accepted = await accept({ token: tokenIn(mail.text), password: TEST_PASSWORD });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().currentHub.hubId).toBe(b.id);
    const after = (await adminB.get(`/api/users?q=${encodeURIComponent(person.email)}`)).json();
    expect(after.items[0].status).toBe("active");
  });
});

describe("invitation tokens", () => {
  it("ten parallel accepts of one invitation give exactly one session", async () => {
    const h = await seedHub(env.db, "race");
    const admin = await signInAs(env.app, h.users.hub_admin.email);
    const res = await invite(admin, "race.person@example.test", "Race Person");
    const token = tokenIn(res.json().inviteUrl);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        accept({ token, name: "Race Person", password: `race-harbour-violin-${i}` }),
      ),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    // One accepts; the other nine find the token used (the whole list shows when one differs).
    expect(codes).toEqual([200, ...Array<number>(9).fill(404)]);
    const user = res.json().member.userId as string;
    expect(await env.db.select().from(sessions).where(eq(sessions.userId, user))).toHaveLength(1);
  });

  it("refuse a common password, or one containing the address, beside the field", async () => {
    const h = await seedHub(env.db, "pw-rule");
    const admin = await signInAs(env.app, h.users.hub_admin.email);
    const res = await invite(admin, "robin.sparrow@example.test", "Robin Sparrow");
    const token = tokenIn(res.json().inviteUrl);
    const common = await accept({ token, name: "Robin", password: "Password2026!" });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details.fields[0]).toEqual({
      path: "password",
      message: "This password is on a list of common passwords: choose one that is harder to guess",
    });
    const own = await accept({ token, name: "Robin", password: "robin.sparrow-sings" });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.details.fields[0].message).toMatch(/e-mail address/);
    const short = await accept({ token, name: "Robin", password: "short-one" });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].message).toBe("Use at least 12 characters");
    expect((await accept({ token, name: "Robin", password: "hedgerow-lantern-45" })).statusCode).toBe(200);
  });
});

describe("deactivation", () => {
  it("ends the person's sessions, and reactivation does not bring them back", async () => {
    const h = await seedHub(env.db, "deact-sessions");
    const admin = await signInAs(env.app, h.users.hub_admin.email);
    const staff = await signInAs(env.app, h.users.hub_staff.email);
    expect((await staff.get("/api/me")).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${h.users.hub_staff.id}`, { active: false })).statusCode).toBe(200);
    const left = await env.db.select().from(sessions).where(eq(sessions.userId, h.users.hub_staff.id));
    expect(left).toEqual([]);
    expect((await admin.patch(`/api/users/${h.users.hub_staff.id}`, { active: true })).statusCode).toBe(200);
    expect((await staff.get("/api/me")).statusCode).toBe(401);
    expect((await signInAs(env.app, h.users.hub_staff.email).then((a) => a.get("/api/me"))).statusCode).toBe(
      200,
    );
  });
});
