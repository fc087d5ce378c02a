// The entry of the `tutti` command. The build bundles this file into dist/server/tutti.js, which
// bin/tutti.mjs and production run; in a checkout whose build is stale, bin/tutti.mjs runs this
// file through tsx instead (decision 014).
import { runCli } from "./main";

await runCli(process.argv);
