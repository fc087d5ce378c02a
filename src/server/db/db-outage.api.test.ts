import { execFileSync } from "node:child_process";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import {
  CHILD_TEST_TIMEOUT,
  freePort,
  getJson,
  postmasterPid,
  serveTutti,
  tempDataDir,
} from "../testing/child-tutti";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { createDb, createPool } from "./client";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env.close();
});

const currentUrl = (pool: pg.Pool): string => {
  const o = pool.options as { connectionString?: string };
  return o.connectionString ?? "";
};

describe("while the database is away", () => {
  it("requests answer 503 database_unavailable and health says the database is unavailable", async () => {
    const hub = await seedHub(env.db);
    const agent = await signInAs(env.app, hub.users.hub_admin.email);
    // The same app, on a pool whose server has gone (nothing listens on that port).
    const deadUrl = currentUrl(env.pool).replace(/:\d+\//, `:${await freePort()}/`);
    expect(deadUrl).toMatch(/^postgres/);
    const pool = createPool(deadUrl, { log: () => {} });
    const app: FastifyInstance = await buildApp({ ...env.deps, db: createDb(pool) }, { serveWeb: false });
    await app.ready();
    try {
      const health = await app.inject({ method: "GET", url: "/api/health" });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: "unavailable", database: "unavailable" });

      const signIn = await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: hub.users.hub_admin.email, password: "whatever-it-is" },
      });
      expect(signIn.statusCode).toBe(503);
      expect(signIn.json()).toEqual({
        error: { code: "database_unavailable", message: expect.stringMatching(/database/i) },
      });

      const signedIn = await app.inject({
        method: "GET",
        url: "/api/hubs/current",
        headers: { cookie: agent.cookie },
      });
      expect(signedIn.statusCode).toBe(503);
      expect((signedIn.json() as { error: { code: string } }).error.code).toBe("database_unavailable");
    } finally {
      await app.close();
      await pool.end();
    }
  });

  it("a connection cut while checked out, or in the middle of a COPY, fails its work without killing the process", async () => {
    const pool = createPool(currentUrl(env.pool), { log: () => {} });
    const admin = new pg.Client({ connectionString: currentUrl(env.pool) });
    await admin.connect();
    try {
      await pool.query("create table if not exists outage_copy (v text)");
      // A transaction's connection, checked out and idle when its backend is terminated.
      const held = await pool.connect();
      await held.query("begin");
      const heldPid = (await held.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid;
      // A COPY in progress when its backend is terminated.
      const copying = await pool.connect();
      const copyPid = (await copying.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid;
      const stream = copying.query(copyFrom("copy outage_copy from stdin"));
      const copyFailed = new Promise<Error>((resolve) => stream.on("error", resolve));
      stream.write("first row\n");

      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where pid = any($1)", [
        [heldPid, copyPid],
      ]);
      expect((await copyFailed).message).toMatch(/terminat/i);
      await expect(held.query("select 1")).rejects.toThrow();
      held.release(true);
      copying.release(true);
      // The pool goes on with fresh connections.
      expect((await pool.query<{ n: number }>("select 1 as n")).rows[0]?.n).toBe(1);
      expect((await pool.query<{ n: number }>("select count(*)::int as n from outage_copy")).rows[0]?.n).toBe(
        0,
      );
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});

describe("when the embedded PostgreSQL dies under a running server", () => {
  it(
    "the server stays up, answers 503 meanwhile, restarts PostgreSQL and says so",
    async () => {
      const data = tempDataDir();
      const server = await serveTutti({ DATA_DIR: data.dir, PORT: String(await freePort()) });
      try {
        expect((await getJson(`${server.base}/api/health`)).status).toBe(200);
        const pid = postmasterPid(data.dir);
        execFileSync("kill", ["-9", String(pid)]);
        const seen = new Set<number>();
        const until = Date.now() + 20_000;
        let health = await getJson(`${server.base}/api/health`);
        while (Date.now() < until) {
          health = await getJson(`${server.base}/api/health`);
          seen.add(health.status);
          if (health.status === 503)
            expect(health.body).toEqual({ status: "unavailable", database: "unavailable" });
          if (health.status === 200 && postmasterPid(data.dir) !== pid) break;
          await new Promise((r) => setTimeout(r, 150));
        }
        expect(health.status, server.output()).toBe(200);
        expect([...seen].filter((s) => s !== 200 && s !== 503)).toEqual([]);
        expect(server.proc.exitCode).toBeNull();
        await server.waitFor(/embedded PostgreSQL (had )?stopped.*restarted/i, 1000);
      } finally {
        await server.stop();
        await data.remove();
      }
    },
    CHILD_TEST_TIMEOUT,
  );
});
