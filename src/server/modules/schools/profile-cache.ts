import { LRUCache } from "lru-cache";
import { type Db, perHandle } from "../../db/client";
import { hubVersions } from "./hub-versions";
import type { schoolProfile } from "./schools.repository";

type Profile = NonNullable<Awaited<ReturnType<typeof schoolProfile>>>;
export type ProfileRef = { urn: number } | { id: string };

/** Profiles kept per hub, and hubs kept (the least recently read go first). */
const PROFILES_PER_HUB = 2000;
const HUBS_KEPT = 64;

/**
 * School profiles as the database last answered them (school, contacts, music data, history),
 * kept per hub until `hubs.profiles_version` moves: triggers raise it in the same transaction as
 * any write to the hub's schools, areas, contacts or music data, or a rename of one of its
 * members (migrations 0003 and 0004), so a kept profile is never older than the tables. A read
 * costs at most a version check (hub-versions.ts) instead of the profile's own query. Who may see
 * what is decided after, on every request.
 */
export const createProfileCache = (db: Db) => {
  const kept = new LRUCache<string, { version: number; profiles: LRUCache<string, Profile> }>({
    max: HUBS_KEPT,
  });
  const versionOf = hubVersions(db, "profilesVersion");

  return {
    get: async (
      hubId: string,
      ref: ProfileRef,
      load: () => Promise<Profile | undefined>,
    ): Promise<Profile | undefined> => {
      // The version first, then the profile: what is kept is never older than its version.
      const version = await versionOf(hubId);
      let hub = kept.get(hubId);
      if (hub && version < hub.version) return load(); // this request read before a newer one
      if (!hub || version > hub.version) {
        hub = { version, profiles: new LRUCache({ max: PROFILES_PER_HUB }) };
        kept.set(hubId, hub);
      }
      const key = "urn" in ref ? `urn:${ref.urn}` : `id:${ref.id}`;
      const hit = hub.profiles.get(key);
      if (hit) return hit;
      const found = await load();
      if (found && kept.peek(hubId) === hub) hub.profiles.set(key, found);
      return found;
    },
  };
};

/** The profile cache of a database handle (one per handle, so per app and per test database). */
export const profileCacheOf = perHandle(createProfileCache);
