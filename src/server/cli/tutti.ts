// The entry of the `tutti` command. The build bundles this file into dist/server/tutti.js, which
// bin/tutti.mjs and production run; in a checkout whose build is stale, bin/tutti.mjs runs this
// file through tsx instead (decision 014). `tutti serve` starts creating a fresh database
// before the rest of the app is imported, so the two run side by side (cli/early-start.ts).
import { startEarly } from "./early-start";

await startEarly(process.argv);
const { runCli } = await import("./main");
await runCli(process.argv);
