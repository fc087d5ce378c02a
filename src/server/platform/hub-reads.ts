import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { ZodType } from "zod";
import type { Db } from "../db/client";
import { freshnessOf } from "../db/freshness";
import type { ServiceContext } from "./context";
import { jsonSerializer } from "./serializer";

/**
 * What a read of a hub's committed data depends on (decision 030): the hub's schools and profiles
 * versions (migrations 0003/0004: schools, areas, link officers, contacts, music data) and the
 * topic versions of migration 0020, each raised by triggers in the writer's transaction.
 */
export type HubTopic =
  | "schools"
  | "profiles"
  | "engagement"
  | "rag"
  | "lead_schools"
  | "cpd"
  | "quality_mark"
  | "plans"
  | "mail";

export const ALL_TOPICS: readonly HubTopic[] = [
  "schools",
  "profiles",
  "engagement",
  "rag",
  "lead_schools",
  "cpd",
  "quality_mark",
  "plans",
  "mail",
];

type Versions = Record<string, number>;

/**
 * How long versions, once read, are taken as current without asking again while the process is
 * listening (decision 013): a `hub:` or `topics:` notification forgets them at once; the recheck
 * is the fallback should one ever be missed.
 */
const RECHECK_MS = 1000;

type Reader = (hubId: string) => Promise<Versions>;
const readers = new WeakMap<Db, Reader>();

/** A hub's versions, one query, kept until a notification names the hub (or a second passes). */
const readerFor = (db: Db): Reader => {
  const existing = readers.get(db);
  if (existing) return existing;
  const known = new LRUCache<string, { versions: Versions; at: number }>({ max: 10_000 });
  const freshness = freshnessOf(db);
  freshness?.subscribe((event) => {
    if (event === undefined) known.clear();
    else if (event.startsWith("hub:")) known.delete(event.slice(4));
    else if (event.startsWith("topics:")) known.delete(event.slice(7));
  });
  const reader: Reader = async (hubId) => {
    const at = performance.now();
    // Taken before asking: a change heard while the question is out leaves the answer unkept.
    const generation = freshness?.generation();
    if (freshness?.live()) {
      const last = known.get(hubId);
      if (last && at - last.at < RECHECK_MS) return last.versions;
    }
    const res = await db.execute<{ schools: string; profiles: string; topics: Versions | null }>(sql`
      select h.schools_version as schools, h.profiles_version as profiles,
        (select jsonb_object_agg(t.topic, t.version) from hub_topic_versions t where t.hub_id = h.id) as topics
      from hubs h where h.id = ${hubId}`);
    const row = res.rows[0];
    const versions: Versions = {
      ...(row?.topics ?? {}),
      schools: Number(row?.schools ?? 0),
      profiles: Number(row?.profiles ?? 0),
    };
    if (freshness && freshness.generation() === generation) known.set(hubId, { versions, at });
    return versions;
  };
  readers.set(db, reader);
  return reader;
};

type Entry<T> = { stamp: string; value: Promise<T> };

export type HubReadsOptions = {
  /** The topics the read depends on: the kept answer holds while none of their versions moved. */
  topics: readonly HubTopic[];
  /** Answers kept per process (across hubs and keys). */
  max?: number;
};

/**
 * Answers of one kind of read (the RAG board, the coverage matrix, the plan…), kept per hub and
 * key while the versions of the topics they read have not moved. Concurrent requests for the
 * same answer share one computation. Only committed data is kept: inside a transaction (a
 * write reading what it is about to change) the answer is always computed afresh. The key must
 * hold everything else the answer depends on: the query, the day (or a slice of the clock), and
 * the role where answers differ by role.
 */
export const hubReads = <T>(name: string, options: HubReadsOptions) => {
  const caches = new WeakMap<Db, LRUCache<string, Entry<T>>>();
  /** The answer for a hub, read through `db` (the database outside any transaction). */
  const forHub = async (db: Db, hubId: string, key: string, compute: () => Promise<T>): Promise<T> => {
    let cache = caches.get(db);
    if (!cache) {
      cache = new LRUCache<string, Entry<T>>({ max: options.max ?? 500 });
      caches.set(db, cache);
    }
    const versions = await readerFor(db)(hubId);
    const stamp = options.topics.map((t) => versions[t] ?? 0).join(".");
    const k = `${name} ${hubId} ${key}`;
    const kept = cache.get(k);
    if (kept && kept.stamp === stamp) return kept.value;
    const entry: Entry<T> = { stamp, value: compute() };
    cache.set(k, entry);
    const kc = cache;
    entry.value.catch(() => {
      if (kc.peek(k) === entry) kc.delete(k);
    });
    return entry.value;
  };
  return {
    forHub,
    /** The answer for the actor's hub; computed afresh inside a transaction. */
    forActor: (ctx: ServiceContext, key: string, compute: () => Promise<T>): Promise<T> =>
      ctx.db === ctx.rootDb ? forHub(ctx.rootDb, ctx.actor.hubId, key, compute) : compute(),
  };
};

/**
 * Like `hubReads`, for answers sent as JSON: kept already written by the response schema's
 * serializer (platform/serializer.ts), so a kept answer costs no serialisation. The route sends
 * the string as it is (Fastify serialises objects only).
 */
export const hubJsonReads = <T>(name: string, schema: ZodType<T>, options: HubReadsOptions) => {
  const write = jsonSerializer(schema);
  const reads = hubReads<string>(name, options);
  return {
    forActor: (ctx: ServiceContext, key: string, compute: () => Promise<T>): Promise<string> =>
      reads.forActor(ctx, key, async () => write(await compute())),
  };
};
