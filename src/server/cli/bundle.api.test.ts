import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serverBuildOptions } from "../../../scripts/server-bundle.mjs";
import {
  CHILD_TEST_TIMEOUT,
  type ChildTutti,
  firstHealth,
  freePort,
  runTutti,
  signInDemoAdmin,
  tempDataDir,
} from "../testing/child-tutti";

/**
 * The server as production runs it: bundled by esbuild with most of its packages
 * (scripts/server-bundle.mjs), started with plain Node. The other tests run the sources; this
 * one proves the bundle starts, signs in (cookies), reads and writes, and reaches the packages
 * it leaves in node_modules (PDF, calendar time zones) and the OpenAPI document's plugin.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const out = path.join(root, ".tmp", `bundle-test-${process.pid}`, "server");
const data = tempDataDir();
let child: ChildTutti | undefined;

beforeAll(async () => {
  const result = await build(serverBuildOptions(out));
  mkdirSync(out, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  cpSync(path.join(root, "src/server/db/migrations"), path.join(out, "migrations"), { recursive: true });
}, 60_000);

afterAll(async () => {
  await child?.stop();
  await data.remove();
  rmSync(path.dirname(out), { recursive: true, force: true });
});

it(
  "the bundled server starts with the demo hub, signs in and answers from every kind of package",
  async () => {
    const port = await freePort();
    child = runTutti(
      ["serve", "--demo"],
      { PORT: String(port), DATA_DIR: data.dir },
      path.join(out, "tutti.js"),
    );
    const base = `http://127.0.0.1:${port}`;
    await firstHealth(child, base, 60_000);
    const signIn = await signInDemoAdmin(base);
    const output = child.output();
    expect(signIn.status, output).toBe(200);
    const cookies = signIn.headers.getSetCookie().map((c) => c.split(";")[0]);
    expect(cookies.length).toBeGreaterThan(0);
    const cookie = cookies.join("; ");

    const list = await fetch(`${base}/api/schools?pageSize=2`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { total: number; items: { urn: number }[] };
    expect(body.total).toBeGreaterThan(300);
    expect(body.items).toHaveLength(2);

    const ics = await fetch(`${base}/api/public/hubs/northshire/cpd.ics`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toMatch(/BEGIN:VTIMEZONE[\s\S]*TZID:Europe\/London/);

    const pdf = await fetch(`${base}/api/public/hubs/northshire/cpd/term.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const openapi = await fetch(`${base}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(Object.keys(((await openapi.json()) as { paths: object }).paths)).toContain("/api/auth/sign-in");

    expect(child.output()).not.toMatch(/"level":50/);
  },
  CHILD_TEST_TIMEOUT,
);
