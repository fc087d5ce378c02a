import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import {
  CHILD_TEST_TIMEOUT,
  type ChildTutti,
  firstHealth,
  freePort,
  runTutti,
  signInDemoAdmin,
  tempDataDir,
} from "../testing/child-tutti";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const data = tempDataDir();
let child: ChildTutti | undefined;
afterAll(async () => {
  await child?.stop();
  await data.remove();
});

// A fresh `tutti serve --demo` through the real entry (cli/tutti.ts): initdb starts before the
// app's modules load, the app is built while the database is migrated and the demo loaded, and
// /api/health answers only once the demo hub and its sign-in work (decision 014).
it(
  "a fresh start creates the cluster first and answers its first health check with the demo hub ready",
  async () => {
    const port = await freePort();
    child = runTutti(
      ["serve", "--demo"],
      { PORT: String(port), DATA_DIR: data.dir, TUTTI_TRACE_START: "1" },
      path.join(root, "src/server/cli/tutti.ts"),
    );
    const base = `http://127.0.0.1:${port}`;
    await firstHealth(child, base);
    // At the first OK, the demo accounts sign in.
    const res = await signInDemoAdmin(base);
    expect(res.status).toBe(200);

    const out = child.output();
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
