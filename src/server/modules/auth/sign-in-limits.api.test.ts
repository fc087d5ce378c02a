import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import {
  agentFromResponse,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
} from "../../testing/harness";
import { tokenIn, waitForMail } from "../../testing/mail";
import { MAX_FAILED_ATTEMPTS } from "./auth.service";

// Issue 7, item 7: sign-in limits that hold (decision 010).
let env: TestEnv;
let n = 0;
const from = () => `10.2.${Math.floor(++n / 250)}.${n % 250}`;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const signInFrom = (email: string, password: string, remoteAddress = from()) =>
  env.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password }, remoteAddress });

describe("the per-address limit of the auth routes", () => {
  it("cannot be dodged with X-Forwarded-For when no proxy is configured", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await env.app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        payload: { email: `spoof-${i}@example.test` },
        remoteAddress: "192.0.2.10",
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 202)).toBe(true);
    expect(codes[30]).toBe(429);
  });

  it("believes X-Forwarded-For from the proxies TRUST_PROXY names", async () => {
    const app = await buildApp(
      { ...env.deps, config: { ...env.deps.config, trustProxy: ["192.0.2.20"] } },
      { serveWeb: false },
    );
    try {
      const ask = (client: string, proxy = "192.0.2.20") =>
        app.inject({
          method: "POST",
          url: "/api/auth/password-reset",
          payload: { email: "proxied@example.test" },
          remoteAddress: proxy,
          headers: { "x-forwarded-for": client },
        });
      for (let i = 0; i < 30; i++) expect((await ask("203.0.113.7")).statusCode).toBe(202);
      expect((await ask("203.0.113.7")).statusCode).toBe(429);
      expect((await ask("203.0.113.8")).statusCode).toBe(202);
      // Not from the proxy: its X-Forwarded-For is ignored, so it is limited as itself.
      for (let i = 0; i < 30; i++)
        expect((await ask(`203.0.113.${100 + i}`, "192.0.2.21")).statusCode).toBe(202);
      expect((await ask("203.0.113.200", "192.0.2.21")).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe("the per-account limit", () => {
  it(`gives thirty parallel wrong passwords no more than ${MAX_FAILED_ATTEMPTS} guesses`, async () => {
    const h = await seedHub(env.db, "parallel");
    const email = h.users.hub_staff.email;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInFrom(email, `wrong-password-${i}`)),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(MAX_FAILED_ATTEMPTS);
    expect(codes.filter((c) => c === 429)).toHaveLength(30 - MAX_FAILED_ATTEMPTS);
    expect((await signInFrom(email, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it("lets a locked-out person in through a reset link, which signs them in", async () => {
    const h = await seedHub(env.db, "locked");
    const email = h.users.hub_staff.email;
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      expect((await signInFrom(email, "an-attackers-guess")).statusCode).toBe(401);
    const locked = await signInFrom(email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/reset your password/);

    expect((await anonymous(env.app).post("/api/auth/password-reset", { email })).statusCode).toBe(202);
    const mail = await waitForMail(env.db, email, /Reset your Tutti password/);
    const done = await env.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: tokenIn(mail.text), password: "marble-orchard-lantern" },
      remoteAddress: from(),
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().currentHub.hubId).toBe(h.id);
    expect((await agentFromResponse(env.app, done).get("/api/me")).statusCode).toBe(200);
    await signInAs(env.app, email, "marble-orchard-lantern");
  });
});
