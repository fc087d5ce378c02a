import { APPLICATION_NAME } from "../db/client";
import { appJobs } from "../jobs";
import { startWorker, type Worker } from "../platform/jobs";
import type { Runtime } from "../runtime";
import { openRuntime } from "../runtime";

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Starts the app's background worker (mail, imports, schedules) on the runtime's database. */
export const startAppWorker = (rt: Runtime, opts: { concurrency?: number } = {}): Promise<Worker> =>
  startWorker(rt.deps, appJobs(), {
    url: rt.database.url,
    concurrency: opts.concurrency,
    applicationName: APPLICATION_NAME,
    log: (l) => say(`tutti: ${l}`),
  });

/**
 * `tutti worker`: only the background worker, for deployments that run it apart from the web
 * processes. Stops on SIGTERM or SIGINT after the jobs in hand finish.
 */
export const worker = async (opts: { concurrency?: number }): Promise<void> => {
  const rt = await openRuntime({ log: (l) => say(`tutti: ${l}`) });
  let w: Worker | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`tutti: ${signal}, finishing the jobs in hand`);
    await w?.stop();
    await rt.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  try {
    w = await startAppWorker(rt, opts);
  } catch (err) {
    await rt.close().catch(() => {});
    throw err;
  }
  say(`Tutti worker is running (${rt.database.kind} database). Stop with Ctrl+C.`);
};
