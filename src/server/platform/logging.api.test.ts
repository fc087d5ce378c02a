import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { createTestEnv, type TestEnv } from "../testing/harness";
import { newToken } from "./tokens";

// Issue 7, item 13: the request log never holds a token from a link, nor an error's SQL
// parameters. The app logs (at info, as in production) into a buffer the test reads.

let env: TestEnv;
let app: FastifyInstance;
const lines: string[] = [];
const SECRET_VALUE = `param-${randomBytes(6).toString("hex")}@example.test`;

beforeAll(async () => {
  env = await createTestEnv({ config: { logLevel: "info" } });
  app = await buildApp(env.deps, {
    serveWeb: false,
    logStream: { write: (line) => void lines.push(line) },
    extraModules: [
      async (a) => {
        // A failing query whose parameter is personal data.
        a.get("/api/_test/bad-sql", async () =>
          env.deps.db.execute(sql`select * from no_such_table where email = ${SECRET_VALUE}`),
        );
      },
    ],
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await env.close();
});

const logText = () => lines.join("");

describe("the request log", () => {
  it("records requests but redacts tokens in invitation and reset links", async () => {
    const invitation = newToken();
    const reset = newToken();
    const accept = newToken();
    lines.length = 0;
    await app.inject({ method: "GET", url: `/api/auth/invitations/${invitation}` });
    await app.inject({ method: "GET", url: `/api/auth/invitations/${encodeURIComponent("short-one")}` });
    await app.inject({ method: "GET", url: `/reset-password?token=${reset}` });
    await app.inject({ method: "GET", url: `/invitations/accept?foo=1&token=${accept}` });
    const text = logText();
    expect(text).toContain("/api/auth/invitations/[redacted]");
    expect(text).toContain("/reset-password?token=[redacted]");
    expect(text).toContain("/invitations/accept?foo=1&token=[redacted]");
    expect(text).not.toContain("short-one");
    for (const token of [invitation, reset, accept]) expect(text).not.toContain(token);
  });

  it("keeps ordinary addresses readable", async () => {
    lines.length = 0;
    await app.inject({ method: "GET", url: "/api/schools?q=ashby&page=2" });
    expect(logText()).toContain("/api/schools?q=ashby&page=2");
  });

  it("logs a database error with its SQL but without its parameters", async () => {
    lines.length = 0;
    const res = await app.inject({ method: "GET", url: "/api/_test/bad-sql" });
    expect(res.statusCode).toBe(500);
    const text = logText();
    expect(text).toContain("unhandled error");
    expect(text).toContain("no_such_table");
    expect(text).toContain("42P01");
    expect(text).not.toContain(SECRET_VALUE);
  });
});
