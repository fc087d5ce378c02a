#!/usr/bin/env node
// The `tutti` command. It runs the build, dist/server/tutti.js (plain JavaScript: what `npm start`
// and production run). In a checkout (src/ present) whose build is missing or older than the
// sources, it runs the TypeScript through tsx instead, so `npx tutti` works right after
// `npm install` and after any edit, with no build step: only slower to start (decision 014).
import { existsSync } from "node:fs";

const built = new URL("../dist/server/tutti.js", import.meta.url);
const source = new URL("../src/server/cli/tutti.ts", import.meta.url);

const fail = (message) => {
  process.stderr.write(`tutti: ${message}\n`);
  process.exit(1);
};

/** Runs the sources through tsx; false when tsx is not installed (`npm ci --omit=dev`). */
const runSources = async () => {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    return false;
  }
  register();
  await import(source.href);
  return true;
};

if (existsSync(source)) {
  const { serverStale } = await import("../scripts/build-state.mjs");
  const stale = serverStale();
  if (!stale) await import(built.href);
  else if (!(await runSources())) {
    if (!existsSync(built))
      fail("no build in dist/ and no tsx to run the sources: run `npm install` then `npm run build`");
    process.stderr.write(
      `tutti: the build in dist/ is older than the sources (${stale}); running it anyway\n`,
    );
    await import(built.href);
  }
} else if (existsSync(built)) {
  await import(built.href);
} else {
  fail("no build in dist/: run `npm run build` in a checkout and copy dist/ here");
}
