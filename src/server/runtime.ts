import path from "node:path";
import { type Config, loadConfig } from "./config";
import { APPLICATION_NAME, type Database, migrateDatabase, openDatabase } from "./db/client";
import type { Deps } from "./platform/context";
import { createMailer } from "./platform/mailer";
import { createLocalFileStore } from "./platform/storage";

export type Runtime = { config: Config; database: Database; deps: Deps; close: () => Promise<void> };

/**
 * Opens everything a command needs: config, database (embedded or external, migrated),
 * mailer and file store. Used by `tutti serve` and every other command.
 */
export const openRuntime = async (
  opts: { log?: (line: string) => void; migrate?: boolean } = {},
): Promise<Runtime> => {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: opts.log,
  });
  try {
    if (opts.migrate !== false) await migrateDatabase(database.pool);
  } catch (err) {
    await database.close();
    throw err;
  }
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
      mailer.close();
      // A server this command found already running (left by a crash) is adopted by `serve`,
      // but a one-off command leaves a server that other clients still use.
      const others = database.embedded ? await otherClients(database) : 0;
      await database.close({ stopEmbedded: others === 0 });
    },
  };
};

/** Client connections to the embedded server from other processes (a running `tutti serve`). */
const otherClients = async (database: Database): Promise<number> => {
  try {
    const res = await database.pool.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and application_name <> $1",
      [APPLICATION_NAME],
    );
    return res.rows[0]?.n ?? 0;
  } catch {
    return 0;
  }
};
