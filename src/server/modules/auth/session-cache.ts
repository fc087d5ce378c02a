import { LRUCache } from "lru-cache";

/**
 * Resolved sessions kept for two seconds (decision 008): every request resolves its session,
 * and asking the database each time was half the cost of a simple request. A kept session is
 * the database's answer (session, user, memberships); expiry is still checked on every request.
 *
 * Freshness: any write in this process to sessions, memberships or a user's name or password
 * forgets every kept session and keeps none for the next two seconds (so a transaction still
 * open when it wrote cannot have its old rows kept after it commits). A write by another process
 * (another Tutti server on the same database, a CLI command) is seen within two seconds.
 */
const KEEP_MS = 2000;

const kept = new LRUCache<string, { value: unknown }>({ max: 10_000, ttl: KEEP_MS });
let quietUntil = 0;

/** The kept answer for a session hash, if still fresh. */
export const keptSession = <T>(idHash: string): T | undefined => kept.get(idHash)?.value as T | undefined;

export const keepSession = (idHash: string, value: unknown): void => {
  if (performance.now() < quietUntil) return;
  kept.set(idHash, { value });
};

/** Forgets one session (its own row changed, e.g. its expiry slid). */
export const forgetSession = (idHash: string): void => {
  kept.delete(idHash);
};

/** Forgets every session and keeps none for a while: who may do what has changed. */
export const forgetSessions = (): void => {
  kept.clear();
  quietUntil = performance.now() + KEEP_MS;
};
