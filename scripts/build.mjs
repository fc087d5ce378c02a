#!/usr/bin/env node
// `npm run build`: what `npm start` and production run, in dist/ (decision 014).
//   dist/server/tutti.js     the server and the `tutti` command, bundled by esbuild with the
//                            packages it uses but a few (scripts/server-bundle.mjs)
//   dist/server/migrations/  copied beside the bundle (db/client.ts finds them from its own URL)
//   dist/web/                the single-page app, built by Vite (the server serves it)
// Each part is built only when missing or older than its sources, so `npm start` stays fast on
// an existing checkout; `--force` always builds. The build tools (esbuild, Vite) are
// devDependencies, loaded only when something must be built: with an up-to-date dist/ this
// script runs after `npm ci --omit=dev` too.
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { migrationsOutput, root, serverOutput, serverStale, webStale } from "./build-state.mjs";
import { serverBuildOptions } from "./server-bundle.mjs";

const force = process.argv.includes("--force");
const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);

const fail = (part, reason, error) => {
  console.error(
    `${part}: build failed (${reason}): ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
};

const buildServer = async (reason) => {
  const t0 = performance.now();
  try {
    const esbuild = await import("esbuild");
    const result = await esbuild.build(serverBuildOptions(dirname(serverOutput)));
    mkdirSync(dirname(serverOutput), { recursive: true });
    rmSync(migrationsOutput, { recursive: true, force: true });
    cpSync(join(root, "src/server/db/migrations"), migrationsOutput, { recursive: true });
    // Each file through a rename, the bundle last: a `tutti` started meanwhile reads either the
    // old bundle or the new one, never half of one.
    const outputs = [...result.outputFiles].sort(
      (a, b) => Number(a.path === serverOutput) - Number(b.path === serverOutput),
    );
    for (const file of outputs) {
      const partial = `${file.path}.${process.pid}.partial`;
      writeFileSync(partial, file.contents);
      renameSync(partial, file.path);
    }
    const written = new Set(outputs.map((f) => basename(f.path)));
    for (const name of readdirSync(dirname(serverOutput)))
      if (/\.js(\.map|\.LEGAL\.txt)?$/.test(name) && !written.has(name))
        rmSync(join(dirname(serverOutput), name));
  } catch (error) {
    fail("server", reason, error);
  }
  console.log(`server: built dist/server in ${seconds(t0)} s (${reason})`);
};

const buildWeb = async (reason) => {
  const t0 = performance.now();
  // A production bundle whatever the caller's NODE_ENV (the e2e server runs with NODE_ENV=test,
  // which would otherwise give React's development build).
  process.env.NODE_ENV = "production";
  try {
    const { build } = await import("vite");
    await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "error", mode: "production" });
  } catch (error) {
    fail("web", reason, error);
  }
  console.log(`web: built dist/web in ${seconds(t0)} s (${reason})`);
};

const serverReason = force ? "forced" : serverStale();
if (serverReason) await buildServer(serverReason);
else console.log("server: dist/server is up to date");

const webReason = force ? "forced" : webStale();
if (webReason) await buildWeb(webReason);
else console.log("web: dist/web is up to date");
