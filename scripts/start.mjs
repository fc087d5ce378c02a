#!/usr/bin/env node
// `npm start`: builds what is stale (scripts/build.mjs, nothing when dist/ is current), then runs
// `tutti serve --demo` from dist/ in this same process: one Node start-up fewer than
// `build.mjs && node dist/server/tutti.js`, on every start (decision 014).
import { fileURLToPath } from "node:url";

const env = process.env.NODE_ENV;
await import("./build.mjs");
// the web build sets NODE_ENV=production for Vite; the server must see the caller's own
if (env === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = env;
const entry = new URL("../dist/server/tutti.js", import.meta.url);
process.argv = [process.argv[0] ?? "node", fileURLToPath(entry), "serve", "--demo", ...process.argv.slice(2)];
await import(entry.href);
