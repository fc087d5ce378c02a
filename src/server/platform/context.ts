import type { Config } from "../config";
import type { Db, DbOrTx } from "../db/client";
import { freshnessOf } from "../db/freshness";
import type { Actor } from "./actor";
import type { Mailer } from "./mailer";
import type { FileStore } from "./storage";

/** What every service gets: the actor, the database (or open transaction), the clock, mail and files. */
export type ServiceContext = {
  actor: Actor;
  db: DbOrTx;
  /** The database outside any transaction (what caches of committed data read from). */
  rootDb: Db;
  clock: () => Date;
  mailer: Mailer;
  files: FileStore;
  config: Pick<Config, "publicUrl" | "sessionDays" | "maxUploadBytes">;
};

/** The long-lived dependencies the app is built with. */
export type Deps = {
  db: Db;
  dbKind: "embedded" | "external";
  config: Config;
  mailer: Mailer;
  files: FileStore;
  clock: () => Date;
};

export const contextFor = (deps: Deps, actor: Actor): ServiceContext => ({
  actor,
  db: deps.db,
  rootDb: deps.db,
  clock: deps.clock,
  mailer: deps.mailer,
  files: deps.files,
  config: deps.config,
});

/**
 * Runs `fn` in one transaction: everything it writes lands whole, or not at all. Once the
 * outermost transaction has committed (with the mail it sends: the message and its job are
 * written in the transaction), it waits until this process has heard the change
 * notifications it caused (db/freshness.ts), so what the service reads next from a cache
 * includes its own write.
 */
export const inTransaction = async <T>(
  ctx: ServiceContext,
  fn: (tx: ServiceContext) => Promise<T>,
): Promise<T> => {
  const result = await ctx.db.transaction((tx) => fn({ ...ctx, db: tx, mailer: ctx.mailer.within(tx) }));
  if (ctx.db === ctx.rootDb) await freshnessOf(ctx.rootDb)?.settle();
  return result;
};
