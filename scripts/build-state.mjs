// What the build makes and from what: shared by scripts/build.mjs (build only what is stale) and
// bin/tutti.mjs (in a checkout, run the sources through tsx while the build is stale).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** The server and CLI bundle; written last by the build, so its time stamps the whole build. */
export const serverOutput = join(root, "dist/server/tutti.js");
/** The migrations are read from beside the bundle (db/client.ts resolves them from its own URL). */
export const migrationsOutput = join(root, "dist/server/migrations");
export const serverEntry = join(root, "src/server/cli/tutti.ts");
export const serverSources = [
  "src/server",
  "src/shared",
  "scripts/build.mjs",
  "scripts/build-state.mjs",
  "scripts/server-bundle.mjs",
].map((p) => join(root, p));

export const webOutput = join(root, "dist/web/index.html");
export const webSources = ["src/web", "src/shared", "index.html", "vite.config.ts", "scripts/build.mjs"].map(
  (p) => join(root, p),
);

/** Tests are not part of the build: changing one does not make the build stale. */
const isTest = (name) => /\.test\.tsx?$/.test(name);

/** The newest modification time (ms) of a file or of any file under a directory, and which. */
const newest = (path) => {
  if (!existsSync(path)) return { mtime: 0, path };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { mtime: stat.mtimeMs, path };
  let best = { mtime: stat.mtimeMs, path };
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || isTest(entry.name)) continue;
    const n = newest(join(path, entry.name));
    if (n.mtime > best.mtime) best = n;
  }
  return best;
};

/** Why `output` must be built again ("missing", "src/x.ts changed"), or null when it is current. */
export const staleReason = (output, sources) => {
  if (!existsSync(output)) return "missing";
  const built = statSync(output).mtimeMs;
  for (const source of sources) {
    const n = newest(source);
    if (n.mtime > built) return `${relative(root, n.path)} changed`;
  }
  return null;
};

export const serverStale = () => staleReason(serverOutput, serverSources);
export const webStale = () => staleReason(webOutput, webSources);
