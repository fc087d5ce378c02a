import { LRUCache } from "lru-cache";
import { freshnessOf } from "../../db/freshness";

/**
 * Resolved sessions kept for two seconds (decision 008): every request resolves its session,
 * and asking the database each time was half the cost of a simple request. A kept session is
 * the database's answer (session, user, memberships); expiry is still checked on every request.
 *
 * Freshness (decision 013): triggers on sessions, memberships, users and hubs notify every
 * process listening (db/freshness.ts): `session:<id_hash>` forgets that session, `sessions`
 * forgets them all, and so does any start or loss of listening. No writer has to remember to
 * clear anything. While the process is not listening, nothing is kept. An answer read while a
 * change was heard is not kept (it may predate the change).
 */
const KEEP_MS = 2000;

export type SessionCache<T> = {
  /** The current change count, taken before asking the database. */
  generation: () => number | undefined;
  get: (idHash: string) => T | undefined;
  keep: (idHash: string, value: T, generation: number | undefined) => void;
};

const caches = new WeakMap<object, SessionCache<unknown>>();

const createSessionCache = <T>(db: object): SessionCache<T> | undefined => {
  const freshness = freshnessOf(db);
  if (!freshness) return undefined;
  const kept = new LRUCache<string, { value: T }>({ max: 10_000, ttl: KEEP_MS });
  freshness.subscribe((event) => {
    if (event === undefined || event === "sessions") kept.clear();
    else if (event.startsWith("session:")) kept.delete(event.slice(8));
  });
  return {
    generation: () => freshness.generation(),
    get: (idHash) => (freshness.live() ? kept.get(idHash)?.value : undefined),
    keep: (idHash, value, generation) => {
      if (freshness.live() && generation === freshness.generation()) kept.set(idHash, { value });
    },
  };
};

/** The session cache of a database handle; undefined for an open transaction. */
export const sessionCacheOf = <T>(db: object): SessionCache<T> | undefined => {
  const found = caches.get(db);
  if (found) return found as SessionCache<T>;
  const made = createSessionCache<T>(db);
  if (made) caches.set(db, made as SessionCache<unknown>);
  return made;
};
