import { eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { localWrites } from "../../db/local-writes";
import { hubs } from "../../db/schema/index";

/**
 * How long a hub's version, once read, is taken as current without asking again, while this
 * process finishes no write: what another process writes shows within this time (decision 007).
 */
export const RECHECK_MS = 1000;

/**
 * A hub's version as the database has it (`hubs.schools_version` or `hubs.profiles_version`,
 * raised by triggers in the writer's transaction), for the caches of committed data (the school
 * directory, the profiles): one prepared point query, asked at most once a second per hub while
 * `localWrites()` has not moved, so a process always reads its own writes at once.
 */
export const hubVersions = (db: Db, column: "schoolsVersion" | "profilesVersion") => {
  const query = db
    .select({ v: hubs[column] })
    .from(hubs)
    .where(eq(hubs.id, sql.placeholder("hubId")))
    .prepare(`hub_${column}`);
  const known = new LRUCache<string, { version: number; at: number; writes: number }>({ max: 10_000 });
  return async (hubId: string): Promise<number> => {
    // Taken before asking: a write that finishes while the question is out makes the next read ask.
    const at = performance.now();
    const writes = localWrites();
    const last = known.get(hubId);
    if (last && last.writes === writes && at - last.at < RECHECK_MS) return last.version;
    const [row] = await query.execute({ hubId });
    const version = row?.v ?? 0;
    const newest = known.peek(hubId);
    if (!newest || newest.version <= version) known.set(hubId, { version, at, writes });
    return version;
  };
};
