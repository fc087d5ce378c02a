import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client";
import { freshnessOf, holdFreshness } from "../db/freshness";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The app's side of freshness by LISTEN/NOTIFY (decision 013): it starts listening with the
 * app, answers a write request only once this process has heard the notifications of what the
 * request committed (so the client's next request reads its own write from any cache), and
 * stops listening when the app (the last app on this database handle) closes.
 */
export const registerFreshnessHooks = (app: FastifyInstance, db: Db): void => {
  // Held once the app is ready, not while it is built: `tutti serve` builds it before its
  // database answers (decision 031).
  let release = async () => {};
  app.addHook("onReady", async () => {
    release = holdFreshness(db);
  });
  app.addHook("onSend", async (req) => {
    if (!READS.has(req.method)) await freshnessOf(db)?.settle();
  });
  app.addHook("onClose", async () => {
    await release();
  });
};
