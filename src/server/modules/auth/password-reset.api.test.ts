import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import type { Mailer } from "../../platform/mailer";
import { anonymous, createTestEnv, seedHub, signInAs, type TestEnv } from "../../testing/harness";
import { mailsTo, tokenIn, waitForMail } from "../../testing/mail";
import { createResetLink } from "./auth.service";

// Issue 7, items 4 and 8: older reset links die, and a reset request answers alike and at once
// for known and unknown addresses (decision 010).
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const complete = (token: string, password: string) =>
  anonymous(env.app).post("/api/auth/password-reset/complete", { token, password });

describe("older reset links", () => {
  it("die when a newer one is used", async () => {
    const h = await seedHub(env.db, "older");
    const email = h.users.hub_staff.email;
    expect((await anonymous(env.app).post("/api/auth/password-reset", { email })).statusCode).toBe(202);
    const first = tokenIn((await waitForMail(env.db, email, /Reset your Tutti password/)).text);
    expect((await anonymous(env.app).post("/api/auth/password-reset", { email })).statusCode).toBe(202);
    let second = "";
    for (let i = 0; i < 200 && !second; i++) {
      const found = (await mailsTo(env.db, email)).map((m) => tokenIn(m.text)).find((t) => t && t !== first);
      if (found) second = found;
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(second).not.toBe("");
    expect((await anonymous(env.app).get(`/api/auth/password-reset/${first}`)).json()).toEqual({ email });
    expect((await complete(second, "lantern-harbour-violin")).statusCode).toBe(200);
    const old = await complete(first, "someone-elses-choice-1");
    expect(old.statusCode).toBe(404);
    expect((await anonymous(env.app).get(`/api/auth/password-reset/${first}`)).statusCode).toBe(404);
    await signInAs(env.app, email, "lantern-harbour-violin");
  });

  it("die when the password is set another way (accepting an invitation)", async () => {
    const h = await seedHub(env.db, "older-invite");
    const admin = await signInAs(env.app, h.users.hub_admin.email);
    const invited = await admin.post("/api/users/invitations", {
      email: "wren.ashdown@example.test",
      name: "Wren Ashdown",
      role: "hub_staff",
    });
    const inviteToken = tokenIn(invited.json().inviteUrl);
    const resetLink = await createResetLink(env.deps, { id: invited.json().member.userId });
    const accepted = await anonymous(env.app).post("/api/auth/invitations/accept", {
      token: inviteToken,
      name: "Wren Ashdown",
      password: "copper-kettle-meadow",
    });
    expect(accepted.statusCode).toBe(200);
    expect((await complete(tokenIn(resetLink), "taken-over-password-1")).statusCode).toBe(404);
  });

  it("refuse a common password beside the field", async () => {
    const h = await seedHub(env.db, "reset-rule");
    const email = h.users.hub_staff.email;
    const link = await createResetLink(env.deps, { id: h.users.hub_staff.id });
    const res = await complete(tokenIn(link), "qwertyuiop123");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].message).toMatch(/list of common passwords/);
    const own = await complete(tokenIn(link), `${email.split("@")[0]}-and-more`);
    expect(own.json().error.details.fields[0].message).toMatch(/e-mail address/);
  });
});

describe("asking for a reset", () => {
  it("answers known and unknown addresses alike, and the mail is still written", async () => {
    const h = await seedHub(env.db, "alike");
    const known = await anonymous(env.app).post("/api/auth/password-reset", {
      email: h.users.hub_staff.email,
    });
    const unknown = await anonymous(env.app).post("/api/auth/password-reset", {
      email: "nobody.here@example.test",
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    // Alike apart from the clock and the per-address request count.
    const headers = (r: typeof known) =>
      Object.fromEntries(
        Object.entries(r.headers).filter(([k]) => k !== "date" && !k.startsWith("x-ratelimit-")),
      );
    expect(headers(known)).toEqual(headers(unknown));
    await waitForMail(env.db, h.users.hub_staff.email, /Reset your Tutti password/);
    await new Promise((r) => setTimeout(r, 200));
    expect(await mailsTo(env.db, "nobody.here@example.test")).toEqual([]);
  });

  it("answers before looking the address up or writing the mail", async () => {
    const h = await seedHub(env.db, "before");
    // A mailer that holds every message until released: the answer must not wait for it.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const mailer: Mailer = {
      ...env.deps.mailer,
      send: async (mail) => {
        await held;
        return env.deps.mailer.send(mail);
      },
    };
    const app = await buildApp({ ...env.deps, mailer }, { serveWeb: false });
    try {
      const answer = app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email: h.users.hub_staff.email },
      });
      const timeout = new Promise<"waited">((r) => setTimeout(() => r("waited"), 3000));
      const first = await Promise.race([answer, timeout]);
      expect(first).not.toBe("waited");
      expect((await answer).statusCode).toBe(202);
      expect(await mailsTo(env.db, h.users.hub_staff.email)).toEqual([]);
      release();
      await waitForMail(env.db, h.users.hub_staff.email, /Reset your Tutti password/);
    } finally {
      release();
      await app.close();
    }
  });
});
