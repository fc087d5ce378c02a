import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
  tempDir,
} from "../testing/harness";

// Issue 7, items 10 and 12: bad input never gets a 500 (or the web page), and API answers are
// never cached.

let env: TestEnv;
let hub: TestHub;
let admin: Agent;
let web: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "input");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  // The same app serving a (stand-in) built web app, as `npm start` does.
  webDir = tempDir();
  mkdirSync(path.join(webDir, "assets"));
  writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Tutti</title>");
  writeFileSync(path.join(webDir, "assets", "app-1234.js"), "console.log(1)");
  web = await buildApp(env.deps, {
    webRoot: webDir,
    extraModules: [
      async (a) => {
        // Reaches PostgreSQL with a NUL byte, past every guard: the one error handler maps it.
        a.get("/api/_test/nul-to-db", async () => env.deps.db.execute(sql`select ${"a\u0000b"}::text as t`));
      },
    ],
  });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  rmSync(webDir, { recursive: true, force: true });
  await env.close();
});

const expectError = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(Object.keys(body.error).every((k) => ["code", "message", "details"].includes(k))).toBe(true);
};

describe("a NUL byte in a text field or the address", () => {
  it("is refused with 400 in any JSON body, naming the field", async () => {
    const cases: [string, "POST" | "PATCH", unknown, string][] = [
      ["/api/areas", "POST", { name: "North\u0000", postcodePrefixes: ["NS1"] }, "name"],
      ["/api/users/invitations", "POST", { email: "n@x.test", name: "Ne\u0000w", role: "hub_staff" }, "name"],
      ["/api/hubs/current", "PATCH", { name: "Hub\u0000" }, "name"],
      [`/api/schools/${hub.schoolId}`, "PATCH", { tags: ["ok", "bad\u0000"] }, "tags.1"],
    ];
    for (const [url, method, payload, field] of cases) {
      const res = await admin.request({ method, url, payload });
      expectError(res, 400, "invalid");
      expect(res.json().error.details.fields[0].path).toBe(field);
    }
    const signIn = await anonymous(env.app).post("/api/auth/sign-in", {
      email: "someone@example.test",
      password: "pass\u0000word-long-enough",
    });
    expectError(signIn, 400, "invalid");
    const reset = await anonymous(env.app).post("/api/auth/password-reset", {
      email: "a\u0000@example.test",
    });
    expectError(reset, 400, "invalid");
  });

  it("is refused with 400 in a query string or a route parameter", async () => {
    for (const url of [
      "/api/schools?q=ash%00by",
      "/api/users?q=%00",
      "/api/audit?entity=x%00",
      "/api/auth/invitations/abc%00def",
      "/api/schools/1%00",
    ]) {
      expectError(await admin.get(url), 400, "invalid");
    }
  });

  it("that reaches the database anyway is a 400, not a 500", async () => {
    expectError(await web.inject({ method: "GET", url: "/api/_test/nul-to-db" }), 400, "invalid");
  });
});

describe("malformed requests", () => {
  it("answers a malformed Origin header with 400", async () => {
    for (const url of ["/api/auth/sign-in", "/api/auth/password-reset", "/api/auth/invitations/accept"]) {
      const res = await env.app.inject({
        method: "POST",
        url,
        headers: { origin: "::not a url" },
        payload: { email: "a@example.test", password: "x", token: "t", name: "n" },
      });
      expectError(res, 400, "invalid");
    }
  });

  it("answers a broken multipart body with 400", async () => {
    const boundary = `b${randomBytes(6).toString("hex")}`;
    const bodies: [string, string][] = [
      // cut off in the middle of the file
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\ncontent-disposition: form-data; name="source"\r\n\r\ngias\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\nURN,Name\r\n1,A`,
      ],
      // no boundary at all
      ["multipart/form-data", "garbage"],
      // a boundary that never appears
      [`multipart/form-data; boundary=${boundary}`, "just some bytes\r\n"],
    ];
    for (const [type, payload] of bodies) {
      const res = await admin.request({
        method: "POST",
        url: "/api/schools/imports",
        headers: { "content-type": type },
        payload,
      });
      expectError(res, 400, "invalid");
    }
  });

  it("answers an address that does not decode with 400", async () => {
    expectError(await admin.get("/api/schools/%E0%A4%A"), 400, "invalid");
  });
});

describe("unknown API paths", () => {
  it("answer a JSON 404, never the web page", async () => {
    for (const url of ["/api/nothing-here", "/api/schools/1/nothing", "/api", "/api/"]) {
      expectError(await web.inject({ method: "GET", url }), 404, "not_found");
    }
    expectError(
      await web.inject({ method: "POST", url: "/api/nothing-here", payload: {} }),
      404,
      "not_found",
    );
    // ...while a page of the web app still gets the page.
    const page = await web.inject({ method: "GET", url: "/schools/123" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("answer over-long route parameters with a JSON 404", async () => {
    for (const app of [env.app, web]) {
      for (const url of [`/api/schools/${"1".repeat(500)}`, `/api/auth/invitations/${"a".repeat(5000)}`]) {
        expectError(
          await app.inject({ method: "GET", url, headers: { cookie: admin.cookie } }),
          404,
          "not_found",
        );
      }
    }
  });
});

describe("caching", () => {
  it("marks every API answer no-store, signed in or not, success or error", async () => {
    for (const url of [
      "/api/me",
      "/api/schools",
      "/api/users",
      `/api/schools/${hub.schoolId}`,
      "/api/audit",
    ]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    const signIn = await anonymous(env.app).post("/api/auth/sign-in", {
      email: hub.users.hub_staff.email,
      password: "wrong-password-here",
    });
    expect(signIn.headers["cache-control"]).toBe("no-store");
    expect((await anonymous(env.app).get("/api/me")).headers["cache-control"]).toBe("no-store");
    expect(
      (await admin.get("/api/schools/00000000-0000-4000-8000-000000000000")).headers["cache-control"],
    ).toBe("no-store");
  });

  it("keeps the web app's own caching: hashed assets for a year, the page revalidated", async () => {
    const asset = await web.inject({ method: "GET", url: "/assets/app-1234.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await web.inject({ method: "GET", url: "/users" })).headers["cache-control"]).toBe("no-cache");
  });
});
