import { randomBytes } from "node:crypto";
import os from "node:os";
import { hasSqlState } from "../../db/availability";
import type { Db } from "../../db/client";
import type { ServiceContext } from "../../platform/context";
import { schoolImportsRepository } from "./school-imports.repository";

/**
 * Jobs that outlive their process (issue 7 item 14). Each running job row names its owner
 * (this process: host, pid and a random instance id) and carries a heartbeat the owner writes
 * every HEARTBEAT_MS. A sweep, at start-up and every SWEEP_MS, marks failed every running job
 * whose heartbeat is older than STALE_MS: its owner was killed or restarted mid-way, so the job
 * would otherwise show "running" forever. The reason is what the import page shows.
 */
export const OWNER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 30_000;
export const SWEEP_MS = 30_000;
export const STOPPED_REASON = "the import stopped before it finished: the server restarted";

const beating = new Map<string, NodeJS.Timeout>();

/** Beats for a running job until `stopHeartbeat` (when the job finishes, whichever way). */
export const startHeartbeat = (ctx: ServiceContext, jobId: string): void => {
  const repo = schoolImportsRepository(ctx.rootDb);
  const timer = setInterval(() => {
    repo.jobHeartbeat(ctx.actor.hubId, jobId, OWNER).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  beating.set(jobId, timer);
};

export const stopHeartbeat = (jobId: string): void => {
  clearInterval(beating.get(jobId));
  beating.delete(jobId);
};

/** Fails every running job whose owner is gone; returns how many. */
export const sweepStaleJobs = async (db: Db, staleMs = STALE_MS): Promise<number> =>
  (await schoolImportsRepository(db).failStaleJobs(staleMs / 1000, STOPPED_REASON)).length;

const UNDEFINED_TABLE = "42P01";

/** Sweeps now and every SWEEP_MS until stopped. */
export const startJobSweeper = (db: Db, log: (line: string) => void): { stop: () => Promise<void> } => {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = sweepStaleJobs(db)
      .then((n) => {
        if (n > 0) log(`marked ${n} import job(s) failed: their server stopped before they finished`);
      })
      .catch((err: Error) => {
        // A fresh database still being migrated (the app is built meanwhile) has no jobs to check.
        if (hasSqlState(err, UNDEFINED_TABLE)) return;
        log(`could not check for stopped import jobs: ${err.message}`);
      });
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
