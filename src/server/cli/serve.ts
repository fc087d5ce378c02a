import type { FastifyInstance } from "fastify";
import { isDatabaseUnavailable } from "../db/availability";
import { migrateDatabase, withAdvisoryLock } from "../db/client";
import { DEMO_USERS, isDatabaseEmpty, loadDemo } from "../demo/demo";
import { preloadJobQueue, type Worker } from "../platform/jobs";
import { traceStart } from "../platform/startup-trace";
import { openRuntime, planRuntime } from "../runtime";
import { describeStartupError, StartupError } from "../startup-errors";

const DEMO_LOCK = 727275;

import { startAppWorker } from "./worker";

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `tutti serve`: open the database, migrate, load the demo when asked and empty, listen, and
 * run the background worker (unless `worker` is false: then `tutti worker` runs it).
 */
/**
 * A database that goes away under a running server (stopped, restarted, connections ended) must
 * not end the process: requests answer 503 and the embedded server is restarted. Some libraries
 * (graphile-worker's cron start-up, a pg client without a listener) surface that as an unhandled
 * rejection or an "error" event; those are logged and the server carries on. Anything else still
 * ends the process, as Node would.
 */
const surviveDatabaseLoss = (): void => {
  const onFault = (kind: string) => (err: unknown) => {
    if (isDatabaseUnavailable(err)) {
      say(`tutti: the database went away (${err instanceof Error ? err.message : String(err)}); carrying on`);
      return;
    }
    console.error(`tutti: ${kind}:`, err);
    process.exit(1);
  };
  process.on("unhandledRejection", onFault("unhandled rejection"));
  process.on("uncaughtException", onFault("uncaught exception"));
};

export const serve = async (opts: { demo: boolean; worker: boolean }): Promise<void> => {
  const t0 = performance.now();
  surviveDatabaseLoss();
  // The web app's modules (Fastify, its plugins, every route) load while the database starts:
  // only the database's steps need the rest (decision 014).
  const appModule = import("../app");
  appModule.then(() => traceStart("app modules loaded")).catch(() => {}); // a failure is thrown where it is awaited below
  // The app is built against where the database will be while initdb runs (Node is otherwise
  // idle then), and made ready once the database answers (decision 031).
  const log = (l: string) => say(`tutti: ${l}`);
  const planned = await planRuntime({ log });
  const early =
    planned &&
    appModule.then(async ({ buildApp }) => {
      const a = await buildApp(planned.deps, { logger: planned.deps.config.env !== "test" });
      preloadJobQueue(); // the job queue's package, needed by the migrations, in the same lull
      return a;
    });
  early?.catch(() => {}); // a failure is thrown where it is awaited below
  /** The early app and what it was built with, when they are not used after all. */
  const dropEarly = async () => {
    await (await early?.catch(() => undefined))?.close();
    await planned?.discard();
  };
  const rt = await openRuntime({ log, server: true, migrate: false, planned }).catch(async (err: unknown) => {
    await dropEarly();
    throw err;
  });
  traceStart("database open");
  let app: FastifyInstance | undefined;
  let building: Promise<FastifyInstance> | undefined;
  const closeApp = async () => {
    const built = app ?? (await building?.catch(() => undefined));
    await built?.close().catch(() => {});
  };
  let worker: Worker | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`tutti: ${signal}, stopping`);
    await closeApp();
    await worker?.stop(); // lets the jobs in hand finish
    await rt.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  try {
    // The app is built (routes, schemas, plugins: Node's work) while PostgreSQL applies the
    // migrations and loads the demo; it listens only once both are done, so /api/health
    // answers only when the demo hub and its sign-in are there.
    building = (async () => {
      let a = early && rt.deps === planned?.deps ? await early : undefined;
      // the database is elsewhere than planned (its port taken meanwhile, another process's
      // server): the app is built again on the one opened
      if (early && !a) await dropEarly();
      a ??= await (await appModule).buildApp(rt.deps, { logger: rt.config.env !== "test" });
      await a.ready();
      traceStart("app built");
      return a;
    })();
    building.catch(() => {}); // a failure is thrown where it is awaited below
    const { jobSchema } = await migrateDatabase(rt.database.pool, { jobSchemaLater: true });
    traceStart("migrated");
    let demoLoaded = false;
    // Two `npm start` at once: one loads the demo, the other waits and finds it loaded.
    if (opts.demo && rt.config.env !== "production")
      await withAdvisoryLock(rt.database.pool, DEMO_LOCK, async () => {
        if (!(await isDatabaseEmpty(rt.deps.db))) return;
        say("tutti: fresh database: loading the fictional demo hub");
        await loadDemo(rt.deps.db, {
          password: rt.config.demoPassword,
          env: rt.config.env,
          log: (l) => say(`tutti: ${l}`),
        });
        demoLoaded = true;
        traceStart("demo loaded");
      });
    await jobSchema;
    traceStart("job queue ready");
    app = await building;
    try {
      await app.listen({ port: rt.config.port, host: rt.config.host });
    } catch (err) {
      const { dataDir, port, host } = rt.config;
      throw new StartupError(describeStartupError(err, { dataDir, port, host }));
    }
    traceStart("listening");
    const addr = app.server.address();
    const port = typeof addr === "object" && addr ? addr.port : rt.config.port;
    const url = rt.config.publicUrl.includes(`:${rt.config.port}`)
      ? rt.config.publicUrl.replace(`:${rt.config.port}`, `:${port}`)
      : rt.config.publicUrl;
    say("");
    say(
      `Tutti is running at ${url} (${rt.database.kind} database, ready in ${Math.round(performance.now() - t0)} ms)`,
    );
    if (demoLoaded || opts.demo) {
      say("Sign in with one of the demo accounts:");
      for (const u of DEMO_USERS) say(`  ${u.role.padEnd(13)} ${u.email}`);
      say(`  password: ${rt.config.demoPassword}`);
      if (!demoLoaded) say("  (the database already held data, so the demo was not loaded again)");
    }
    if (opts.worker) worker = await startAppWorker(rt);
    say(opts.worker ? "Background jobs run in this process." : "Background jobs: run `tutti worker`.");
    say("Stop with Ctrl+C.");
    // a cluster created here with initdb --no-sync is written to disk now (db/embedded.ts)
    void rt.database.embedded?.syncNewCluster();
  } catch (err) {
    await closeApp();
    await worker?.stop();
    await rt.close().catch(() => {});
    throw err;
  }
};
