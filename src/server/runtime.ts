import path from "node:path";
import { type Config, ConfigError, dataDirOf, loadConfig } from "./config";
import {
  type Database,
  type Db,
  migrateDatabase,
  openDatabase,
  type PlannedDatabase,
  planDatabase,
} from "./db/client";
import type { Deps } from "./platform/context";
import { createMailer } from "./platform/mailer";
import { createLocalFileStore } from "./platform/storage";
import { describeStartupError, StartupError } from "./startup-errors";

export type Runtime = { config: Config; database: Database; deps: Deps; close: () => Promise<void> };

const depsOf = (config: Config, db: Db, dbKind: Deps["dbKind"]): Deps => ({
  db,
  dbKind,
  config,
  mailer: createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom }),
  files: createLocalFileStore(path.join(config.dataDir, "files")),
  clock: () => new Date(),
});

/** What `tutti serve` builds its app with while the database starts (openRuntime's `planned`). */
export type PlannedRuntime = { database: PlannedDatabase; deps: Deps; discard: () => Promise<void> };

/**
 * The app's dependencies for where the database will be, before it is opened (nothing connects
 * until asked): `tutti serve` builds the app with them while initdb runs (decision 031). Undefined
 * when the settings cannot be read (openRuntime then says why).
 */
export const planRuntime = async (
  opts: { log?: (line: string) => void } = {},
): Promise<PlannedRuntime | undefined> => {
  try {
    const config = loadConfig();
    const database = await planDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      log: opts.log,
    });
    const deps = depsOf(config, database.db, config.databaseUrl ? "external" : "embedded");
    return {
      database,
      deps,
      discard: async () => {
        deps.mailer.close();
        await database.pool.end().catch(() => {});
      },
    };
  } catch {
    return undefined;
  }
};

/**
 * Opens everything a command needs: config, database (embedded or external, migrated),
 * mailer and file store. Used by `tutti serve` (`server: true`) and every other command.
 *
 * The embedded PostgreSQL is shared: a command run while `tutti serve` runs uses the same
 * server, and closing stops it only when no other process uses it. A one-off command never
 * stops a server it did not start; `tutti serve` adopts one it finds (left by a crash, or
 * started by a command) and keeps it alive: restarted, on the same port, if it dies.
 */
export const openRuntime = async (
  opts: {
    log?: (line: string) => void;
    migrate?: boolean;
    server?: boolean;
    /** Used when the database is where it was planned: then `deps` is the planned one. */
    planned?: PlannedRuntime;
  } = {},
): Promise<Runtime> => {
  let config: Config;
  let database: Database;
  try {
    config = loadConfig();
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      log: opts.log,
      adopt: opts.server ?? false,
      planned: opts.planned?.database,
    });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new StartupError(describeStartupError(err, { dataDir: dataDirOf() }));
  }
  try {
    if (opts.migrate !== false) await migrateDatabase(database.pool);
  } catch (err) {
    await database.close();
    throw err;
  }
  const stopKeepingAlive = opts.server ? database.embedded?.keepAlive() : undefined;
  const deps =
    opts.planned && database.db === opts.planned.database.db
      ? opts.planned.deps
      : depsOf(config, database.db, database.kind);
  let closed = false;
  return {
    config,
    database,
    deps,
    close: async () => {
      if (closed) return;
      closed = true;
      stopKeepingAlive?.();
      deps.mailer.close();
      await database.close();
    },
  };
};
