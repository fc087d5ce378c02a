import path from "node:path";
import { type Config, ConfigError, dataDirOf, loadConfig } from "./config";
import { type Database, migrateDatabase, openDatabase } from "./db/client";
import type { Deps } from "./platform/context";
import { createMailer } from "./platform/mailer";
import { createLocalFileStore } from "./platform/storage";
import { describeStartupError, StartupError } from "./startup-errors";

export type Runtime = { config: Config; database: Database; deps: Deps; close: () => Promise<void> };

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
  opts: { log?: (line: string) => void; migrate?: boolean; server?: boolean } = {},
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
  const mailer = createMailer(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config,
    mailer,
    files: createLocalFileStore(path.join(config.dataDir, "files")),
    clock: () => new Date(),
  };
  let closed = false;
  return {
    config,
    database,
    deps,
    close: async () => {
      if (closed) return;
      closed = true;
      stopKeepingAlive?.();
      mailer.close();
      await database.close();
    },
  };
};
