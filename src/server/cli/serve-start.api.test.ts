import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { CHILD_TEST_TIMEOUT, freePort, getJson, tempDataDir } from "../testing/child-tutti";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const data = tempDataDir();
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
  }
  await data.remove();
});

// A fresh `tutti serve --demo` through the real entry (cli/tutti.ts): initdb starts before the
// app's modules load, the app is built while the database is migrated and the demo loaded, and
// /api/health answers only once the demo hub and its sign-in work (decision 014).
it(
  "a fresh start creates the cluster first and answers its first health check with the demo hub ready",
  async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: data.dir,
      TUTTI_TRACE_START: "1",
    };
    delete env.DATABASE_URL;
    const proc = spawn(process.execPath, ["--import", "tsx", "src/server/cli/tutti.ts", "serve", "--demo"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    proc.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 100_000;
    let health = await getJson(`${base}/api/health`);
    while (health.status !== 200) {
      if (proc.exitCode !== null || Date.now() > until) throw new Error(`no health:\n${out}`);
      await new Promise((r) => setTimeout(r, 25));
      health = await getJson(`${base}/api/health`);
    }
    // At the first OK, the demo accounts sign in.
    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@northshire-hub.example", password: "tutti-demo-2026" }),
    });
    expect(res.status).toBe(200);

    const steps = [...out.matchAll(/\[start \d+ ms\] (.+)/g)].map((m) => m[1]);
    expect(steps.slice(0, 2)).toEqual(["entry", "initdb started"]);
    for (const later of ["database open", "app built", "migrated", "demo loaded", "listening"])
      expect(steps.indexOf(later)).toBeGreaterThan(steps.indexOf("initdb started"));
    expect(steps.indexOf("listening")).toBeGreaterThan(steps.indexOf("demo loaded"));
    expect(steps.indexOf("listening")).toBeGreaterThan(steps.indexOf("app built"));
    expect(out.match(/creating the embedded PostgreSQL database cluster/g)).toHaveLength(1);
  },
  CHILD_TEST_TIMEOUT * 2,
);
