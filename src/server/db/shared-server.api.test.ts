import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  CHILD_TEST_TIMEOUT,
  freePort,
  getJson,
  runTutti,
  serveTutti,
  tempDataDir,
} from "../testing/child-tutti";
import { runningServer } from "./embedded";

const RUNNING = /Tutti is running at (http:\/\/\S+) /;

/** Ends the app's connections, as its pool does by itself after ~10 s idle. */
const endConnectionsOf = async (dataDir: string): Promise<void> => {
  const running = runningServer(path.join(dataDir, "pg"));
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const admin = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running?.port}/postgres`,
  });
  await admin.connect();
  await admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'tutti:%'",
  );
  await admin.end();
};

describe("one embedded PostgreSQL shared by the server and the CLI", () => {
  it(
    "a command run beside an idle server leaves the server's PostgreSQL running",
    async () => {
      const data = tempDataDir();
      const server = await serveTutti({ DATA_DIR: data.dir, PORT: String(await freePort()) });
      try {
        await endConnectionsOf(data.dir);
        const cli = runTutti(["hub", "create", "--name", "Fenmoor Music Hub", "--slug", "fenmoor"], {
          DATA_DIR: data.dir,
        });
        expect(await cli.exited, cli.output()).toBe(0);
        expect(cli.output()).toContain("hub created");
        expect(runningServer(path.join(data.dir, "pg"))).toBeDefined();
        // The app's connections were ended above: its pool reconnects to the same server (on a
        // loaded machine that can take a few seconds), so health is asked until it answers.
        const until = Date.now() + 30_000;
        let health = await getJson(`${server.base}/api/health`);
        while (health.status !== 200 && server.proc.exitCode === null && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 1000));
          health = await getJson(`${server.base}/api/health`);
        }
        expect(health.status, server.output()).toBe(200);
        expect(server.proc.exitCode).toBeNull();
      } finally {
        await server.stop();
        await data.remove();
      }
    },
    CHILD_TEST_TIMEOUT,
  );

  it(
    "two servers started at once on one DATA_DIR and one port: one runs, the other names the port clash",
    async () => {
      const data = tempDataDir();
      const port = await freePort();
      // as `npm start` runs it: with the demo, which only one of them loads
      const a = runTutti(["serve", "--demo"], { DATA_DIR: data.dir, PORT: String(port) });
      const b = runTutti(["serve", "--demo"], { DATA_DIR: data.dir, PORT: String(port) });
      try {
        const loser = await Promise.race([a.exited.then(() => a), b.exited.then(() => b)]);
        const winner = loser === a ? b : a;
        expect(await loser.exited).toBe(1);
        expect(loser.stderr().trim().split("\n")).toEqual([
          `tutti: port ${port} on 127.0.0.1 is already in use by another program; stop it or set PORT to a free port`,
        ]);
        await winner.waitFor(RUNNING);
        // One of them started PostgreSQL; the other waited for it and used the same server.
        const outputs = [a.output(), b.output()];
        expect(outputs.filter((o) => /embedded PostgreSQL started/.test(o))).toHaveLength(1);
        expect(outputs.filter((o) => /reusing the embedded PostgreSQL server/.test(o))).toHaveLength(1);
        expect(outputs.filter((o) => /loading the fictional demo hub/.test(o))).toHaveLength(1);
        // The loser's exit stopped nothing.
        expect(runningServer(path.join(data.dir, "pg"))).toBeDefined();
        expect((await getJson(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await data.remove();
      }
    },
    CHILD_TEST_TIMEOUT,
  );

  it(
    "two servers on their own ports share one PostgreSQL; one stopping leaves the other its database",
    async () => {
      const data = tempDataDir();
      const ports = [await freePort(), await freePort()];
      const [a, b] = ports.map((p) => runTutti(["serve"], { DATA_DIR: data.dir, PORT: String(p) }));
      try {
        if (!a || !b) throw new Error("two servers expected");
        await Promise.all([a.waitFor(RUNNING), b.waitFor(RUNNING)]);
        for (const p of ports) expect((await getJson(`http://127.0.0.1:${p}/api/health`)).status).toBe(200);
        await a.stop();
        expect(await a.exited).toBe(0);
        expect(runningServer(path.join(data.dir, "pg"))).toBeDefined();
        expect((await getJson(`http://127.0.0.1:${ports[1]}/api/health`)).status).toBe(200);
        // The last one out stops the server.
        await b.stop();
        expect(runningServer(path.join(data.dir, "pg"))).toBeUndefined();
      } finally {
        await Promise.all([a?.stop(), b?.stop()]);
        await data.remove();
      }
    },
    CHILD_TEST_TIMEOUT,
  );
});
