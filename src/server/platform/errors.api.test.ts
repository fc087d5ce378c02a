import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { createTestEnv, type TestEnv } from "../testing/harness";
import { AppError } from "./errors";

let env: TestEnv;
let app: FastifyInstance;

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp(env.deps, {
    serveWeb: false,
    extraModules: [
      async (a) => {
        a.get("/api/_test/boom", async () => {
          throw new Error('relation "secret_table" does not exist at SELECT * FROM secret_table');
        });
        a.get("/api/_test/sql", async () => env.deps.db.execute("select * from no_such_table"));
        a.get("/api/_test/conflict", async () => {
          throw new AppError("conflict", "That name is taken", {
            fields: [{ path: "name", message: "Taken" }],
          });
        });
      },
    ],
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe("one error shape", () => {
  it("hides the internals of an unexpected error", async () => {
    for (const url of ["/api/_test/boom", "/api/_test/sql"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: "internal", message: "Something went wrong on our side" },
      });
      expect(res.body).not.toMatch(/secret_table|no_such_table|at .*\.ts/);
    }
  });

  it("maps AppError codes to statuses and keeps details", async () => {
    const res = await app.inject({ method: "GET", url: "/api/_test/conflict" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: {
        code: "conflict",
        message: "That name is taken",
        details: { fields: [{ path: "name", message: "Taken" }] },
      },
    });
  });

  it("answers unknown API routes with 404 in the same shape", async () => {
    const res = await app.inject({ method: "GET", url: "/api/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid");
  });

  it("serves the OpenAPI document naming the routes", async () => {
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain("/api/auth/sign-in");
  });

  it("reports the database kind in health", async () => {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.json()).toEqual({ status: "ok", database: env.deps.dbKind });
  });
});
