#!/usr/bin/env node
// The `tutti` command. The server is TypeScript, loaded through tsx's loader, so a fresh clone
// needs no build step: `npm install` then `npx tutti …`.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/server/cli/main.ts");
await runCli(process.argv);
