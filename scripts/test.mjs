#!/usr/bin/env node
// `npm test`: lint and types, unit and API tests (Vitest, real PostgreSQL), then the browser
// journeys (Playwright, real Chromium, real server). Prints one closing line:
// "tests: N passed, N failed[, N skipped]".
//   --e2e-only   only the browser tests
//   --no-e2e     everything but the browser tests
//   --api-only   only the API tests (CI runs them again with TEST_DATABASE_URL set)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tmp = path.join(root, ".tmp");
mkdirSync(tmp, { recursive: true });
const args = new Set(process.argv.slice(2));
const ci = process.env.CI === "true" || process.env.CI === "1";
const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep = null;

const run = (label, cmd, cmdArgs, env = {}) => {
  process.stdout.write(`\n== ${label}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  process.stdout.write(
    `== ${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  if (r.status !== 0 && !failedStep) failedStep = label;
  return r.status === 0;
};

const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Chromium for the browser tests: CHROMIUM_PATH, Debian's, or Playwright's own. */
const findChromium = () => {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("playwright-core");
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here
  }
  return candidates.find((c) => c && existsSync(c));
};

const countVitest = (file) => {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests ?? 0;
  // a suite that fails to load has no failed tests but must still count
  totals.failed += (r.numFailedTests ?? 0) + (r.numFailedTests ? 0 : (r.numFailedTestSuites ?? 0));
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return true;
};

const countPlaywright = (file) => {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, "utf8"));
  const s = r.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  return true;
};

if (args.has("--api-only")) {
  args.add("--no-e2e");
  const out = path.join(tmp, "vitest-api.json");
  rmSync(out, { force: true });
  const where = process.env.TEST_DATABASE_URL ? "external PostgreSQL" : "embedded PostgreSQL";
  run(`API tests on ${where} (vitest)`, bin("vitest"), [
    "run",
    "--project",
    "api",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
  ]);
  if (!countVitest(out)) totals.failed += 1;
} else if (!args.has("--e2e-only")) {
  run("lint (biome)", bin("biome"), ["check", "."]);
  run("types (tsc)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  const out = path.join(tmp, "vitest.json");
  rmSync(out, { force: true });
  run("unit and API tests (vitest)", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
  ]);
  if (!countVitest(out)) totals.failed += 1;
}

if (!args.has("--no-e2e")) {
  const chromium = findChromium();
  if (!chromium) {
    const how =
      "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary";
    if (ci) {
      process.stdout.write(
        `\n== browser tests: no Chromium found, and CI=true makes that a failure: ${how}\n`,
      );
      failedStep ??= "browser tests (no Chromium)";
      totals.failed += 1;
    } else {
      process.stdout.write(`\n== browser tests SKIPPED: no Chromium found. To run them, ${how}.\n`);
    }
  } else {
    run("build (server and web app, when stale)", process.execPath, ["scripts/build.mjs"]);
    const out = path.join(tmp, "playwright.json");
    rmSync(out, { force: true });
    run("browser tests (playwright)", bin("playwright"), ["test", "--reporter=list,json"], {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    if (!countPlaywright(out)) totals.failed += 1;
  }
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`\nnpm test took ${secs} s${failedStep ? `; first failure: ${failedStep}` : ""}\n`);
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedStep || totals.failed ? 1 : 0);
