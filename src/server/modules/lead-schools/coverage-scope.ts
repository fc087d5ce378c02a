import { LRUCache } from "lru-cache";
import type { CoverageScope } from "../../../shared/rules/lead-school-coverage";
import type { Db } from "../../db/client";
import { hubVersions } from "../schools/hub-versions";
import { leadSchoolsRepository } from "./lead-schools.repository";

type Kept = { version: number; scope: CoverageScope };
const caches = new WeakMap<
  Db,
  { versionOf: (hubId: string) => Promise<number>; kept: LRUCache<string, Kept> }
>();

/**
 * A hub's areas and local authorities (with names), kept per hub until `hubs.schools_version`
 * moves (areas and schools are written under it, decision 007/013): the coverage page and the
 * what-if then ask PostgreSQL only for the Lead Schools in office.
 */
export const coverageScope = async (db: Db, hubId: string): Promise<CoverageScope> => {
  let cache = caches.get(db);
  if (!cache) {
    cache = { versionOf: hubVersions(db, "schoolsVersion"), kept: new LRUCache({ max: 1000 }) };
    caches.set(db, cache);
  }
  const version = await cache.versionOf(hubId);
  const kept = cache.kept.get(hubId);
  if (kept && kept.version === version) return kept.scope;
  const scope = await leadSchoolsRepository(db).scope(hubId);
  cache.kept.set(hubId, { version, scope });
  return scope;
};
