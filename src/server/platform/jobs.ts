import { sql } from "drizzle-orm";
import type { CronItem, JobHelpers, LogLevel, Runner, TaskList } from "graphile-worker";
import pg from "pg";
import type { DbOrTx } from "../db/client";
import type { Deps } from "./context";

/**
 * Background jobs on PostgreSQL (graphile-worker, decision 015). Jobs live in the
 * `graphile_worker` schema of the app's own database, so they survive restarts, are enqueued in
 * the same transaction as the change that asks for them, and are shared by every process that
 * runs a worker (`tutti serve` by default, or `tutti worker`).
 */

/** What a task gets besides its payload: the app's dependencies and the running job. */
export type TaskContext = {
  deps: Deps;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  log: (line: string) => void;
};

export type TaskHandler = (payload: unknown, tc: TaskContext) => Promise<void>;

export type Schedule = {
  /** Unique and stable: the queue remembers when this schedule last ran under this name. */
  name: string;
  /** A cron pattern in UTC, e.g. NIGHTLY or HOURLY. */
  cron: string;
  task: (tc: TaskContext & { scheduledFor: Date }) => Promise<void>;
  /** Runs missed while no worker was up are caught up for this long (ms); none by default. */
  backfillMs?: number;
};

export const NIGHTLY = "0 2 * * *";
export const HOURLY = "0 * * * *";

/** Task names: letters, digits, `-`, `_`, `:`. Schedules run as task `schedule:<name>`. */
const TASK_NAME = /^[a-z][a-z0-9_:-]*$/;

/** The one place modules register their tasks and schedules (see src/server/jobs.ts). */
export type JobRegistry = {
  registerTask: (name: string, handler: TaskHandler) => void;
  registerSchedule: (schedule: Schedule) => void;
  readonly tasks: ReadonlyMap<string, TaskHandler>;
  readonly schedules: readonly Schedule[];
};

export const createJobRegistry = (): JobRegistry => {
  const tasks = new Map<string, TaskHandler>();
  const schedules: Schedule[] = [];
  const registerTask = (name: string, handler: TaskHandler) => {
    if (!TASK_NAME.test(name)) throw new Error(`invalid task name "${name}"`);
    if (tasks.has(name)) throw new Error(`task "${name}" is registered twice`);
    tasks.set(name, handler);
  };
  return {
    tasks,
    schedules,
    registerTask,
    registerSchedule: (s) => {
      if (schedules.some((x) => x.name === s.name))
        throw new Error(`schedule "${s.name}" is registered twice`);
      registerTask(`schedule:${s.name}`, async (payload, tc) => {
        const ts = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
        await s.task({ ...tc, scheduledFor: ts ? new Date(ts) : new Date() });
      });
      schedules.push(s);
    },
  };
};

export type EnqueueOptions = {
  maxAttempts?: number;
  /** A job with the same key replaces a pending one instead of adding a second. */
  jobKey?: string;
  runAt?: Date;
};

/**
 * Adds a job through the queue's SQL function, on `db`: inside a transaction the job exists only
 * if the transaction commits.
 */
export const enqueue = async (
  db: DbOrTx,
  task: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<void> => {
  await db.execute(
    sql`select graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json, run_at => ${opts.runAt?.toISOString() ?? null}::timestamptz, max_attempts => ${opts.maxAttempts ?? 25}::int, job_key => ${opts.jobKey ?? null}::text)`,
  );
};

/**
 * graphile-worker, loaded when first needed: a process that only enqueues (with SQL, above) never
 * loads it, and `tutti serve` loads it while its migrations run rather than with the app's
 * modules, where it was ~40 ms of a fresh start's busiest part (decision 031).
 */
const graphile = () => import("graphile-worker");

/** Loads graphile-worker now, when the caller has a moment (`tutti serve`, while initdb runs). */
export const preloadJobQueue = (): void => {
  graphile().catch(() => {}); // a failure shows where it is used
};

/** Installs or upgrades the queue's own schema (`graphile_worker`). Idempotent. */
export const installJobSchema = async (pool: pg.Pool): Promise<void> => {
  const { runMigrations } = await graphile();
  await runMigrations({ pgPool: pool, logger: await quietLogger(() => {}) });
};

const quietLogger = async (log: (line: string) => void) => {
  const { Logger } = await graphile();
  return new Logger(() => (level: LogLevel, message: string) => {
    if (level === "error" || level === "warning") log(`jobs: ${message}`);
  });
};

export type Worker = {
  /** Finishes the jobs in hand, takes no new ones, and closes its connections. */
  stop: () => Promise<void>;
};

/**
 * Starts a worker on the database at `url`, with a small pool of its own: it takes jobs as they
 * are added (LISTEN/NOTIFY, with polling as the fallback) and schedules the registered cron jobs.
 */
export const startWorker = async (
  deps: Deps,
  registry: JobRegistry,
  opts: {
    url: string;
    concurrency?: number;
    pollIntervalMs?: number;
    log?: (line: string) => void;
    /** How the worker's connections name themselves (the process's name, so commands tell them apart). */
    applicationName?: string;
  },
): Promise<Worker> => {
  const log = opts.log ?? (() => {});
  const { run, parseCronItems } = await graphile();
  const logger = await quietLogger(log);
  const concurrency = opts.concurrency ?? 2;
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: concurrency + 2,
    application_name: opts.applicationName ?? "tutti:worker",
  });
  pool.on("error", (err) => log(`jobs: database connection error: ${err.message}`));
  const taskList: TaskList = {};
  for (const [name, handler] of registry.tasks) {
    taskList[name] = async (payload: unknown, helpers: JobHelpers) => {
      await handler(payload, {
        deps,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        log,
      });
    };
  }
  const cronItems: CronItem[] = registry.schedules.map((s) => ({
    task: `schedule:${s.name}`,
    identifier: s.name,
    match: s.cron,
    options: { backfillPeriod: s.backfillMs ?? 0, maxAttempts: 3 },
  }));
  const startRunner = () =>
    run({
      pgPool: pool,
      concurrency,
      pollInterval: opts.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      logger,
      taskList,
      parsedCronItems: parseCronItems(cronItems),
    });
  let runner: Runner;
  try {
    runner = await startRunner();
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  let stopped: Promise<void> | undefined;
  // A worker whose connections are cut (the database restarting, an administrator ending them)
  // stops with an error: left unhandled, that would end the process. It is logged and the worker
  // started again until it runs or is stopped (issue 7, item 15).
  const restartAfterFailure = (r: Runner): void => {
    r.promise.catch(async (err: Error) => {
      while (!stopped) {
        log(`jobs: the background worker stopped (${err.message}); starting it again in 5 s`);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        if (stopped) return;
        try {
          runner = await startRunner();
          restartAfterFailure(runner);
          return;
        } catch (again) {
          err = again as Error;
        }
      }
    });
  };
  restartAfterFailure(runner);
  return {
    stop: () => {
      stopped ??= (async () => {
        await runner.stop().catch((err: Error) => log(`jobs: ${err.message}`));
        await pool.end().catch(() => {});
      })();
      return stopped;
    },
  };
};
