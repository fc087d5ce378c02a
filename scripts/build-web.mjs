#!/usr/bin/env node
// Builds the single-page app into dist/web with Vite, but only when it is missing or older than
// its sources (so `npm start` stays fast on an existing checkout). `--force` always builds.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const output = join(root, "dist/web/index.html");
const sources = ["src/web", "src/shared", "index.html", "vite.config.ts"].map((p) => join(root, p));
const force = process.argv.includes("--force");

/** The newest modification time (ms) of a file or of any file under a directory. */
const newestMtime = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
};

const stale = () => {
  if (!existsSync(output)) return "missing";
  const built = statSync(output).mtimeMs;
  const newer = sources.find((s) => newestMtime(s) > built);
  return newer ? `${relative(root, newer)} changed` : null;
};

const reason = force ? "forced" : stale();
if (!reason) {
  console.log("web: dist/web is up to date");
} else {
  const started = performance.now();
  // A production bundle whatever the caller's NODE_ENV (the e2e server runs with NODE_ENV=test,
  // which would otherwise give React's development build).
  process.env.NODE_ENV = "production";
  try {
    const { build } = await import("vite");
    await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "error", mode: "production" });
  } catch (error) {
    console.error(`web: build failed (${reason}): ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`web: built dist/web in ${seconds} s (${reason})`);
}
