import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../db/schema/index";
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
let now = new Date("2026-11-25T10:00:00Z");

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "auth");
});
afterAll(() => env.close());

const lastMailTo = async (to: string) => {
  const rows = await env.db.select().from(mailMessages).where(eq(mailMessages.to, to));
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
};
/** The reset request's mail is written after the answer: wait for it. */
const mailTo = async (to: string, subject: RegExp) => {
  for (let i = 0; i < 100; i++) {
    const mail = await lastMailTo(to);
    if (mail && subject.test(mail.subject)) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${to}`);
};
const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";

describe("sign-in", () => {
  it("sets an http-only SameSite=Lax cookie and answers who I am", async () => {
    const res = await env.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: hub.users.hub_admin.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "tutti_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(res.json().currentHub.hubSlug).toBe(hub.slug);
    expect(res.json().user.email).toBe(hub.users.hub_admin.email);
  });

  it("refuses a wrong password with a clear message, and /api/me stays 401", async () => {
    const res = await anonymous(env.app).post("/api/auth/sign-in", {
      email: hub.users.hub_staff.email,
      password: "wrong-password",
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/e-mail address or password/);
    expect((await anonymous(env.app).get("/api/me")).statusCode).toBe(401);
  });

  it("says which field is wrong when the body is bad", async () => {
    const res = await anonymous(env.app).post("/api/auth/sign-in", { email: "not-an-email", password: "" });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as { path: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(["email", "password"]);
  });

  it("locks an address after five failed attempts, even with the right password, then lets it in after the window", async () => {
    const h = await seedHub(env.db, "lock");
    const email = h.users.hub_staff.email;
    for (let i = 0; i < 5; i++)
      expect(
        (await anonymous(env.app).post("/api/auth/sign-in", { email, password: "nope-nope-nope" }))
          .statusCode,
      ).toBe(401);
    const locked = await anonymous(env.app).post("/api/auth/sign-in", { email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/Too many failed sign-in attempts/);
    now = new Date(now.getTime() + 16 * 60_000);
    expect(
      (await anonymous(env.app).post("/api/auth/sign-in", { email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it("signs out: the old cookie no longer works", async () => {
    const agent = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await agent.get("/api/me")).statusCode).toBe(200);
    expect((await agent.post("/api/auth/sign-out")).statusCode).toBe(204);
    expect((await agent.get("/api/me")).statusCode).toBe(401);
  });

  it("expires sessions after SESSION_DAYS without use", async () => {
    const agent = await signInAs(env.app, hub.users.hub_staff.email);
    now = new Date(now.getTime() + 15 * 86_400_000);
    expect((await agent.get("/api/me")).statusCode).toBe(401);
  });

  it("refuses a deactivated member", async () => {
    const h = await seedHub(env.db, "deact");
    const admin = await signInAs(env.app, h.users.hub_admin.email);
    expect((await admin.patch(`/api/users/${h.users.hub_staff.id}`, { active: false })).statusCode).toBe(200);
    const res = await anonymous(env.app).post("/api/auth/sign-in", {
      email: h.users.hub_staff.email,
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/not active in any hub/);
  });
});

describe("cross-site request protection", () => {
  it("refuses a state-changing request without the CSRF token", async () => {
    const agent = await signInAs(env.app, hub.users.hub_admin.email);
    const res = await env.app.inject({
      method: "POST",
      url: "/api/users/invitations",
      headers: { cookie: agent.cookie },
      payload: { email: "csrf@example.test", name: "X", role: "hub_staff" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf");
  });

  it("refuses a sign-in posted from another site", async () => {
    const res = await env.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { origin: "https://evil.example", host: "tutti.test" },
      payload: { email: hub.users.hub_admin.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("hub switching", () => {
  it("lists every hub of a person and switches between them", async () => {
    const other = await seedHub(env.db, "second");
    await addUserToHub(env.db, other.actor, {
      email: hub.users.hub_staff.email,
      name: "x",
      role: "hub_admin",
    });
    const agent = await signInAs(env.app, hub.users.hub_staff.email);
    const me = (await agent.get("/api/me")).json();
    expect(me.memberships.map((m: { hubSlug: string }) => m.hubSlug).sort()).toEqual(
      [hub.slug, other.slug].sort(),
    );
    const switched = await agent.post("/api/auth/switch-hub", { hubId: other.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().currentHub.role).toBe("hub_admin");
    expect((await agent.get("/api/users")).statusCode).toBe(200);
    const third = await seedHub(env.db, "third");
    expect((await agent.post("/api/auth/switch-hub", { hubId: third.id })).statusCode).toBe(404);
  });
});

describe("password reset", () => {
  it("e-mails a one-time link that sets a new password and signs out other sessions", async () => {
    const h = await seedHub(env.db, "reset");
    const email = h.users.hub_staff.email;
    const old = await signInAs(env.app, email);
    const asked = await anonymous(env.app).post("/api/auth/password-reset", { email });
    expect(asked.statusCode).toBe(202);
    const unknown = await anonymous(env.app).post("/api/auth/password-reset", {
      email: "nobody@example.test",
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(asked.body);
    const mail = await mailTo(email, /Reset your Tutti password/);
    const token = tokenIn(mail.text);
    const done = await anonymous(env.app).post("/api/auth/password-reset/complete", {
      token,
      password: "a-brand-new-password",
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe(email);
    expect((await old.get("/api/me")).statusCode).toBe(401);
    await signInAs(env.app, email, "a-brand-new-password");
    const again = await anonymous(env.app).post("/api/auth/password-reset/complete", {
      token,
      password: "another-password-1",
    });
    expect(again.statusCode).toBe(404);
  });

  it("refuses a short password beside the field", async () => {
    const res = await anonymous(env.app).post("/api/auth/password-reset/complete", {
      token: "x".repeat(20),
      password: "short",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toEqual({
      path: "password",
      message: "Use at least 12 characters",
    });
  });
});

describe("invitations", () => {
  it("an admin invites; the link shows who it is for, sets the password and signs in once", async () => {
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const invited = await admin.post("/api/users/invitations", {
      email: "new.person@example.test",
      name: "Nia Bright",
      role: "hub_staff",
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().member.status).toBe("invited");
    const token = tokenIn(invited.json().inviteUrl);
    const mail = await lastMailTo("new.person@example.test");
    expect(mail?.text).toContain(invited.json().inviteUrl);
    const info = await anonymous(env.app).get(`/api/auth/invitations/${token}`);
    expect(info.json()).toEqual({
      email: "new.person@example.test",
      name: "Nia Bright",
      hubName: hub.name,
      role: "hub_staff",
      existingAccount: false,
    });
    const accepted = await anonymous(env.app).post("/api/auth/invitations/accept", {
      token,
      name: "Nia Bright",
      password: "nia-password-123",
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().currentHub.hubId).toBe(hub.id);
    expect((await anonymous(env.app).get(`/api/auth/invitations/${token}`)).statusCode).toBe(404);
    const list = await admin.get("/api/users?q=nia");
    expect(list.json().items[0].status).toBe("active");
  });

  it("refuses to invite someone already in the hub, naming the field", async () => {
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const res = await admin.post("/api/users/invitations", {
      email: hub.users.hub_staff.email,
      name: "Again",
      role: "hub_staff",
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.fields[0].path).toBe("email");
  });

  it("never lets an invitation reset the password of an existing account", async () => {
    const other = await seedHub(env.db, "poach");
    const admin = await signInAs(env.app, other.users.hub_admin.email);
    const res = await admin.post("/api/users/invitations", {
      email: hub.users.hub_admin.email,
      name: "Existing",
      role: "hub_staff",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().member.status).toBe("invited");
    expect(res.json().inviteUrl).toBeNull();
    await signInAs(env.app, hub.users.hub_admin.email);
  });
});
