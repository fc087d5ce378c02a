// The `tutti` command for tests that run it in a child process: `node --import tsx
// src/server/testing/run-cli.ts serve`, independent of how bin/tutti.mjs loads the server.
import { runCli } from "../cli/main";

await runCli(process.argv);
