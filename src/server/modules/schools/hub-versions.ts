import { eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { freshnessOf } from "../../db/freshness";
import { hubs } from "../../db/schema/index";

/**
 * How long a hub's version, once read, is taken as current without asking again while this
 * process is listening for changes (decision 013): a notification forgets it at once; the
 * recheck is the fallback should one ever be missed.
 */
export const RECHECK_MS = 1000;

/**
 * A hub's version as the database has it (`hubs.schools_version` or `hubs.profiles_version`,
 * raised by triggers in the writer's transaction), for the caches of committed data (the school
 * directory, the profiles): one prepared point query. While the process listens (db/freshness.ts),
 * a version read is kept until a `hub:<id>` notification (or at most a second); while it does
 * not, every read asks.
 */
export const hubVersions = (db: Db, column: "schoolsVersion" | "profilesVersion") => {
  const query = db
    .select({ v: hubs[column] })
    .from(hubs)
    .where(eq(hubs.id, sql.placeholder("hubId")))
    .prepare(`hub_${column}`);
  const known = new LRUCache<string, { version: number; at: number }>({ max: 10_000 });
  const freshness = freshnessOf(db);
  freshness?.subscribe((event) => {
    if (event === undefined) known.clear();
    else if (event.startsWith("hub:")) known.delete(event.slice(4));
  });
  return async (hubId: string): Promise<number> => {
    const at = performance.now();
    // Taken before asking: a change heard while the question is out keeps its answer unkept.
    const generation = freshness?.generation();
    if (freshness?.live()) {
      const last = known.get(hubId);
      if (last && at - last.at < RECHECK_MS) return last.version;
    }
    const [row] = await query.execute({ hubId });
    const version = row?.v ?? 0;
    if (freshness && freshness.generation() === generation) {
      const newest = known.peek(hubId);
      if (!newest || newest.version <= version) known.set(hubId, { version, at });
    }
    return version;
  };
};
