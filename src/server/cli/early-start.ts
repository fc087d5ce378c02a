import { dataDirOf } from "../data-dir";
import { createClusterEarly } from "../db/embedded";
import { traceStart } from "../platform/startup-trace";

/**
 * The first thing `tutti serve` does, before the CLI's entry imports the rest of the app: on a
 * fresh data dir with the embedded PostgreSQL, initdb starts now and runs while Node loads
 * Fastify, Drizzle and the modules (~1 s each on a fresh start; decision 014). Only the
 * cluster's files are made here, no server is started: if the command then fails (a bad
 * option, a bad setting) nothing is left running. Other commands, and an external database
 * (DATABASE_URL), skip it.
 */
export const startEarly = async (argv: string[]): Promise<void> => {
  traceStart("entry");
  const [command, ...rest] = argv.slice(2);
  if (command !== "serve" || rest.includes("--help") || rest.includes("-h")) return;
  if (process.env.DATABASE_URL) return;
  const { spawned } = createClusterEarly({
    dataDir: dataDirOf(),
    log: (line) => process.stdout.write(`tutti: ${line}\n`),
  });
  await spawned;
  traceStart("initdb started");
};
