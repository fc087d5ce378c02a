import { and, eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { PHASES } from "../../../shared/rules/phase";
import { SCHOOL_STATUSES, type SchoolFilter } from "../../../shared/schemas/schools";
import { type Db, perHandle } from "../../db/client";
import { areas, hubs, ragCurrent, schoolMusicData, schools, users } from "../../db/schema/index";
import { hubVersions } from "./hub-versions";
import type { SchoolListRow } from "./schools.repository";

/**
 * The school directory: each hub's schools as the list, its filters, sorts, exports, the map and
 * bulk actions see them, held in memory (decision 007).
 *
 * Why: the list is the most used screen, and at national scale (25,000 schools in a hub) asking
 * PostgreSQL for a filtered, sorted, counted page cost ~20 ms of CPU per request, and the
 * seventeen indexes that made even that possible made every import slow. Here a hub's schools are
 * columns of small typed arrays: a filter marks the matches in one sequential pass, a sorted view
 * (built once per sort) is walked to count them and cut the page, and free text goes through a
 * trigram index of names and towns. A page at 25,000 schools costs a fraction of a millisecond.
 *
 * Correctness: every write to a hub's schools or areas, or a rename of one of its members, raises
 * `hubs.schools_version` in the writer's own transaction (triggers, migration 0003). Each read
 * takes that version first (hub-versions.ts: a prepared point query, asked at most once a second
 * while this process writes nothing) and reloads the hub when it moved: a process reads its own
 * writes at once, another process's within a second.
 */

/** A school of the directory: the list row and the area's source (bulk area changes compare it). */
export type DirectoryEntry = SchoolListRow & {
  areaSource: "rule" | "hand" | null;
  /** The current RAG rating (rag_current; its writes raise schools_version too). */
  ragRating?: "red" | "amber" | "green" | null;
};

export type DirectoryScope = { onlySchoolId?: string | null };
type Sort = SchoolFilter["sort"];
type Dir = SchoolFilter["dir"];

/**
 * The key names sort by, as people read them: case and accents aside, runs of digits by their
 * value ("School 2" before "School 10"). Compared with plain `<`, which is ten times faster than
 * a collator and gives the same order for the names schools have.
 */
export const sortKey = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, "").padStart(12, "0"));

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Codes for the distinct values of a column, in the order given or in `sortKey` order. */
class Codes {
  private readonly code = new Map<string, number>();
  /** The rank of each code in sort order. */
  readonly rank: Int32Array;
  constructor(values: Iterable<string>, order?: readonly string[]) {
    const distinct = [...new Set([...(order ?? []), ...values])];
    distinct.forEach((v, i) => {
      this.code.set(v, i);
    });
    const sorted = order
      ? distinct
      : distinct
          .map((v) => ({ v, k: sortKey(v) }))
          .sort((a, b) => compareKeys(a.k, b.k) || compareKeys(a.v, b.v))
          .map((x) => x.v);
    this.rank = new Int32Array(distinct.length);
    sorted.forEach((v, r) => {
      this.rank[this.code.get(v) ?? 0] = r;
    });
  }
  /** The code of a value; -1 for null, -2 for a value no school has. */
  of(v: string | null): number {
    return v === null ? -1 : (this.code.get(v) ?? -2);
  }
}

const trigramsOf = (s: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
};

/** How many searches' matches a hub keeps (a byte per school each). */
const SEARCHES_KEPT = 64;
/**
 * How many filtered, ordered lists a hub keeps: at most 1,024, and at most 4 million schools in
 * all (16 MB; a hub of 500 schools never reaches it, one of 25,000 keeps a few hundred lists).
 */
const LISTS_KEPT = 1024;
const LISTS_BUDGET = 4_000_000;

/** The numbers in both ascending lists. */
const intersect = (a: Int32Array, b: Int32Array): Int32Array => {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  let j = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] ?? 0;
    while (j < b.length && (b[j] ?? 0) < x) j++;
    if (j < b.length && b[j] === x) out[n++] = x;
  }
  return out.subarray(0, n);
};

/** One hub's schools at one version. */
export class HubSchools {
  readonly n: number;
  private readonly phase: Int32Array;
  private readonly status: Int32Array;
  private readonly la: Int32Array;
  private readonly area: Int32Array;
  private readonly officer: Int32Array;
  private readonly type: Int32Array;
  private readonly town: Int32Array;
  private readonly pupils: Float64Array;
  private readonly fsm: Float64Array;
  private readonly nameRank: Int32Array;
  private readonly codes: {
    phase: Codes;
    status: Codes;
    la: Codes;
    area: Codes;
    officer: Codes;
    type: Codes;
    town: Codes;
    areaName: Codes;
  };
  private readonly areaNameOf: Int32Array;
  /** Lower-cased "name\ntown" of each school: what free text searches. */
  private haystack: string[] | null = null;
  private trigrams: Map<string, Int32Array> | null = null;
  /** Schools by compact postcode and by URN as text, each sorted: prefixes are ranges. */
  private byPostcode: { key: string; i: number }[] | null = null;
  private byUrnText: { key: string; i: number }[] | null = null;
  private readonly views = new Map<string, Int32Array>();
  private readonly wholeViews = new WeakSet<Int32Array>();
  /** The latest searches' matches: a search is paged, sorted and filtered further many times. */
  private readonly searches = new LRUCache<string, Uint8Array>({ max: SEARCHES_KEPT });
  /** The latest lists asked for (filter, scope and order): the schools in order, to page. */
  private readonly lists = new LRUCache<string, Int32Array>({
    max: LISTS_KEPT,
    maxSize: LISTS_BUDGET,
    // An unfiltered list is its sorted view, kept anyway; a filtered one costs its length.
    sizeCalculation: (list) => (this.wholeViews.has(list) ? 1 : Math.max(1, list.length)),
  });
  private readonly idIndex = new Map<string, number>();

  constructor(
    readonly version: number,
    readonly entries: DirectoryEntry[],
  ) {
    const n = entries.length;
    this.n = n;
    this.codes = {
      phase: new Codes(
        entries.map((e) => e.phase),
        PHASES,
      ),
      status: new Codes(
        entries.map((e) => e.status),
        SCHOOL_STATUSES,
      ),
      la: new Codes(entries.map((e) => e.laCode)),
      area: new Codes(entries.flatMap((e) => (e.areaId ? [e.areaId] : []))),
      officer: new Codes(entries.flatMap((e) => (e.linkOfficerId ? [e.linkOfficerId] : []))),
      type: new Codes(entries.flatMap((e) => (e.typeName ? [e.typeName.toLowerCase()] : []))),
      town: new Codes(entries.flatMap((e) => (e.town ? [e.town] : []))),
      areaName: new Codes(entries.flatMap((e) => (e.areaName ? [e.areaName] : []))),
    };
    const c = this.codes;
    const col = (f: (e: DirectoryEntry) => number) => Int32Array.from(entries, f);
    this.phase = col((e) => c.phase.of(e.phase));
    this.status = col((e) => c.status.of(e.status));
    this.la = col((e) => c.la.of(e.laCode));
    this.area = col((e) => c.area.of(e.areaId));
    this.officer = col((e) => c.officer.of(e.linkOfficerId));
    this.type = col((e) => c.type.of(e.typeName?.toLowerCase() ?? null));
    this.town = col((e) => c.town.of(e.town));
    this.areaNameOf = col((e) => c.areaName.of(e.areaName));
    this.pupils = Float64Array.from(entries, (e) => e.pupils ?? Number.NaN);
    this.fsm = Float64Array.from(entries, (e) => e.percentFsm ?? Number.NaN);

    const byName = entries
      .map((e, i) => ({ i, k: sortKey(e.name), urn: e.urn }))
      .sort((a, b) => compareKeys(a.k, b.k) || a.urn - b.urn);
    this.nameRank = new Int32Array(n);
    byName.forEach((x, r) => {
      this.nameRank[x.i] = r;
    });

    entries.forEach((e, i) => {
      this.idIndex.set(e.id, i);
    });
  }

  /** The search indexes, built the first time a search needs them (a reload stays cheap). */
  private textIndex(): { haystack: string[]; trigrams: Map<string, Int32Array> } {
    if (!this.haystack || !this.trigrams) {
      const haystack = this.entries.map((e) => `${e.name}\n${e.town ?? ""}`.toLowerCase());
      const postings = new Map<string, number[]>();
      haystack.forEach((h, i) => {
        for (const t of new Set(trigramsOf(h))) {
          const list = postings.get(t);
          if (list) list.push(i);
          else postings.set(t, [i]);
        }
      });
      const trigrams = new Map<string, Int32Array>();
      for (const [t, list] of postings) trigrams.set(t, Int32Array.from(list));
      this.haystack = haystack;
      this.trigrams = trigrams;
    }
    return { haystack: this.haystack, trigrams: this.trigrams };
  }

  private sortedKeys(keyOf: (e: DirectoryEntry) => string | null): { key: string; i: number }[] {
    return this.entries
      .flatMap((e, i) => {
        const key = keyOf(e);
        return key ? [{ key, i }] : [];
      })
      .sort((a, b) => compareKeys(a.key, b.key));
  }

  /**
   * The schools matching the filter in the asked order. The latest lists are kept: paging through
   * one, or coming back to it, costs only the page.
   */
  list(f: Partial<SchoolFilter>, scope: DirectoryScope): Int32Array {
    const sort = f.sort ?? "name";
    const dir = f.dir ?? "asc";
    const key = JSON.stringify([
      sort,
      dir,
      // "all" and "only none" (a school user without a school) must never share a key.
      scope.onlySchoolId === undefined ? "all" : `only:${scope.onlySchoolId ?? "none"}`,
      f.q,
      f.phase,
      f.status,
      f.la,
      f.type,
      f.area,
      f.linkOfficer,
      f.trust,
      f.tag,
      f.rag,
      f.targetedSupport,
    ]);
    const kept = this.lists.get(key);
    if (kept) return kept;
    const view = this.view(sort, dir);
    const mark = this.match(f, scope);
    let list = view;
    if (mark) {
      let total = 0;
      for (let i = 0; i < mark.length; i++) total += mark[i] ?? 0;
      list = new Int32Array(total);
      let k = 0;
      for (let v = 0; v < view.length; v++) {
        const i = view[v] ?? -1;
        if (mark[i] === 1) list[k++] = i;
      }
    }
    this.lists.set(key, list);
    return list;
  }

  /** Schools in the asked order (by the column, unknowns last either way, then name and URN). */
  view(sort: Sort, dir: Dir): Int32Array {
    const key = `${sort}:${dir}`;
    const cached = this.views.get(key);
    if (cached) return cached;
    const sign = dir === "desc" ? -1 : 1;
    const name = this.nameRank;
    const value = this.sortValues(sort);
    const order = Array.from({ length: this.n }, (_, i) => i);
    order.sort((a, b) => {
      if (value) {
        const x = value(a);
        const y = value(b);
        if (x !== y) {
          if (Number.isNaN(x)) return Number.isNaN(y) ? (name[a] ?? 0) - (name[b] ?? 0) : 1;
          if (Number.isNaN(y)) return -1;
          return sign * (x - y);
        }
        return (name[a] ?? 0) - (name[b] ?? 0);
      }
      return sign * ((name[a] ?? 0) - (name[b] ?? 0));
    });
    const v = Int32Array.from(order);
    this.views.set(key, v);
    this.wholeViews.add(v);
    return v;
  }

  /** What a sort compares for school i (NaN: unknown), or null for the name sort. */
  private sortValues(sort: Sort): ((i: number) => number) | null {
    const rankOf = (codes: Int32Array, ranks: Int32Array) => (i: number) => {
      const code = codes[i] ?? -1;
      return code < 0 ? Number.NaN : (ranks[code] ?? Number.NaN);
    };
    switch (sort) {
      case "name":
        return null;
      case "urn":
        return (i) => this.entries[i]?.urn ?? Number.NaN;
      case "pupils":
        return (i) => this.pupils[i] ?? Number.NaN;
      case "percentFsm":
        return (i) => this.fsm[i] ?? Number.NaN;
      case "phase":
        return rankOf(this.phase, this.codes.phase.rank);
      case "status":
        return rankOf(this.status, this.codes.status.rank);
      case "laCode":
        return rankOf(this.la, this.codes.la.rank);
      case "town":
        return rankOf(this.town, this.codes.town.rank);
      case "area":
        return rankOf(this.areaNameOf, this.codes.areaName.rank);
    }
  }

  /**
   * Marks the schools matching the filter (1) in a byte per school, or answers null when the
   * filter keeps every school. The one definition of the list's filters.
   */
  match(f: Partial<SchoolFilter>, scope: DirectoryScope): Uint8Array | null {
    // Tight loops over typed arrays, one per filter: a closure called per school costs more
    // than the whole rest of the request.
    const n = this.n;
    let mark: Uint8Array | null = null;
    const start = (): Uint8Array => {
      if (!mark) mark = new Uint8Array(n).fill(1);
      return mark;
    };
    const keepEqual = (column: Int32Array, code: number) => {
      const m = start();
      for (let i = 0; i < n; i++) if (column[i] !== code) m[i] = 0;
    };
    const keepMarked = (hit: Uint8Array) => {
      const m = start();
      for (let i = 0; i < n; i++) if (hit[i] === 0) m[i] = 0;
    };
    const keepEntries = (keep: (e: DirectoryEntry) => boolean) => {
      const m = start();
      this.entries.forEach((e, i) => {
        if (!keep(e)) m[i] = 0;
      });
    };
    if (scope.onlySchoolId !== undefined) {
      const m = start().fill(0);
      const only = scope.onlySchoolId === null ? undefined : this.idIndex.get(scope.onlySchoolId);
      if (only !== undefined) m[only] = 1;
    }
    if (f.q) keepMarked(this.searched(f.q));
    if (f.phase) keepEqual(this.phase, this.codes.phase.of(f.phase));
    if (f.status) keepEqual(this.status, this.codes.status.of(f.status));
    if (f.la) keepEqual(this.la, this.codes.la.of(f.la));
    if (f.type) keepEqual(this.type, this.codes.type.of(f.type.toLowerCase()));
    if (f.area) keepEqual(this.area, f.area === "none" ? -1 : this.codes.area.of(f.area));
    if (f.linkOfficer)
      keepEqual(this.officer, f.linkOfficer === "none" ? -1 : this.codes.officer.of(f.linkOfficer));
    if (f.trust) {
      const trust = f.trust.toLowerCase();
      keepEntries((e) => e.trust?.toLowerCase().includes(trust) ?? false);
    }
    if (f.tag) {
      const tag = f.tag;
      keepEntries((e) => e.tags.includes(tag));
    }
    if (f.rag) {
      const rag = f.rag;
      keepEntries((e) => (e.ragRating ?? "unrated") === rag);
    }
    if (f.targetedSupport !== undefined) {
      const wanted = f.targetedSupport;
      keepEntries((e) => (e.ragRating === "red") === wanted);
    }
    return mark;
  }

  /**
   * Free text: the name or town contains it (any case), or, for what starts like a postcode
   * ("NS10", "ns10 4a") or is digits, the postcode (spaces aside) or URN starts with it.
   */
  private searched(text: string): Uint8Array {
    let hit = this.searches.get(text);
    if (!hit) {
      hit = this.search(text);
      this.searches.set(text, hit);
    }
    return hit;
  }

  private search(text: string): Uint8Array {
    const q = text.toLowerCase();
    const hit = new Uint8Array(this.n);
    // Name or town: the schools holding every trigram of q are candidates, then checked whole
    // (q is matched within one of name or town, never across the line between them).
    const { haystack, trigrams } = this.textIndex();
    const grams = trigramsOf(q);
    if (grams.length === 0 || q.includes("\n")) {
      haystack.forEach((h, i) => {
        if (h.includes(q)) hit[i] = 1;
      });
    } else {
      const lists = grams.map((g) => trigrams.get(g) ?? new Int32Array(0));
      lists.sort((a, b) => a.length - b.length);
      let candidates = lists[0] ?? new Int32Array(0);
      for (let l = 1; l < lists.length && candidates.length > 0; l++)
        candidates = intersect(candidates, lists[l] ?? new Int32Array(0));
      // Three letters are one trigram: its schools are exactly the matches.
      const exact = grams.length === 1;
      for (let k = 0; k < candidates.length; k++) {
        const i = candidates[k] ?? -1;
        if (exact || haystack[i]?.includes(q)) hit[i] = 1;
      }
    }
    const prefix = (sorted: { key: string; i: number }[], p: string) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid]?.key ?? "") < p) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < sorted.length; k++) {
        const s = sorted[k];
        if (!s?.key.startsWith(p)) break;
        hit[s.i] = 1;
      }
    };
    const compact = text.replace(/\s+/g, "").toUpperCase();
    if (/^[A-Z]{1,2}\d/.test(compact)) {
      this.byPostcode ??= this.sortedKeys((e) => e.postcode?.replace(/\s+/g, "").toUpperCase() ?? null);
      prefix(this.byPostcode, compact);
    }
    if (/^\d{1,6}$/.test(text)) {
      this.byUrnText ??= this.sortedKeys((e) => String(e.urn));
      prefix(this.byUrnText, text);
    }
    return hit;
  }
}

export type SchoolDirectory = {
  /** One page of the matching schools in the asked order, and how many match. */
  page: (
    hubId: string,
    q: Partial<SchoolFilter> & Pick<SchoolFilter, "sort" | "dir"> & { page: number; pageSize: number },
    scope?: DirectoryScope,
  ) => Promise<{ items: DirectoryEntry[]; total: number }>;
  /** Every matching school, in the asked order (by name unless asked). */
  all: (hubId: string, f: Partial<SchoolFilter>, scope?: DirectoryScope) => Promise<DirectoryEntry[]>;
};

/** The schools of `list` from position `from` up to `to`. */
export const pageOf = (hub: HubSchools, list: Int32Array, from: number, to: number): DirectoryEntry[] => {
  const items: DirectoryEntry[] = [];
  for (let k = from; k < Math.min(to, list.length); k++) {
    const e = hub.entries[list[k] ?? -1];
    if (e) items.push(e);
  }
  return items;
};

/** Reads a hub's list rows and its version in one snapshot. */
const loadHub = (db: Db, hubId: string): Promise<HubSchools> =>
  db.transaction(
    async (tx) => {
      const [hub] = await tx.select({ v: hubs.schoolsVersion }).from(hubs).where(eq(hubs.id, hubId));
      const rows = await tx
        .select({
          id: schools.id,
          urn: schools.urn,
          name: schools.name,
          phase: schools.phase,
          typeName: schools.typeName,
          status: schools.status,
          laCode: schools.laCode,
          laName: schools.laName,
          laestab: schools.laestab,
          town: schools.town,
          postcode: schools.postcode,
          pupils: schools.pupils,
          percentFsm: schools.percentFsm,
          trust: schools.trust,
          areaId: schools.areaId,
          areaName: areas.name,
          areaSource: schools.areaSource,
          linkOfficerId: schools.linkOfficerId,
          linkOfficerName: users.name,
          easting: schools.easting,
          northing: schools.northing,
          tags: schools.tags,
          ragRating: ragCurrent.rating,
        })
        .from(schools)
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .leftJoin(users, eq(users.id, schools.linkOfficerId))
        .leftJoin(ragCurrent, eq(ragCurrent.schoolId, schools.id))
        .where(eq(schools.hubId, hubId));
      return new HubSchools(hub?.v ?? 0, rows);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );

/**
 * A directory over `db` holding at most `maxEntries` schools in all (the hubs least recently
 * read are let go first).
 */
export const createSchoolDirectory = (db: Db, opts: { maxEntries?: number } = {}): SchoolDirectory => {
  const held = new LRUCache<string, HubSchools>({
    maxSize: opts.maxEntries ?? 300_000,
    sizeCalculation: (hub) => Math.max(1, hub.n),
  });
  const loading = new Map<string, { version: number; promise: Promise<HubSchools> }>();
  const versionOf = hubVersions(db, "schoolsVersion");

  const current = async (hubId: string): Promise<HubSchools> => {
    const v = await versionOf(hubId);
    const hub = held.get(hubId);
    if (hub && hub.version >= v) return hub;
    const pending = loading.get(hubId);
    if (pending && pending.version >= v) return pending.promise;
    const promise = loadHub(db, hubId).finally(() => {
      if (loading.get(hubId)?.promise === promise) loading.delete(hubId);
    });
    loading.set(hubId, { version: v, promise });
    const loaded = await promise;
    const newer = held.peek(hubId);
    if (!newer || newer.version < loaded.version) held.set(hubId, loaded);
    return loaded;
  };

  /**
   * `missingMusicData`: music data is not held here (its writes do not move the directory's
   * version), so the schools that have a row for the year are read each time with one indexed
   * query (school_music_data_hub_year) and taken out of the list the other filters made.
   */
  const listOf = async (
    hubId: string,
    f: Partial<SchoolFilter>,
    scope: DirectoryScope,
  ): Promise<{ hub: HubSchools; list: Int32Array }> => {
    const hub = await current(hubId);
    const list = hub.list(f, scope);
    if (!f.missingMusicData) return { hub, list };
    const rows = await db
      .select({ id: schoolMusicData.schoolId })
      .from(schoolMusicData)
      .where(and(eq(schoolMusicData.hubId, hubId), eq(schoolMusicData.academicYear, f.missingMusicData)));
    const withData = new Set(rows.map((r) => r.id));
    const out = new Int32Array(list.length);
    let n = 0;
    for (const i of list) {
      const e = hub.entries[i];
      if (e && !withData.has(e.id)) out[n++] = i;
    }
    return { hub, list: out.subarray(0, n) };
  };

  return {
    page: async (hubId, q, scope = {}) => {
      const { hub, list } = await listOf(hubId, q, scope);
      const from = (q.page - 1) * q.pageSize;
      return { items: pageOf(hub, list, from, from + q.pageSize), total: list.length };
    },
    all: async (hubId, f, scope = {}) => {
      const { hub, list } = await listOf(hubId, f, scope);
      return pageOf(hub, list, 0, list.length);
    },
  };
};

/** The directory of a database handle (one per handle, so per app and per test database). */
export const schoolDirectoryOf = perHandle((db: Db) => createSchoolDirectory(db));
