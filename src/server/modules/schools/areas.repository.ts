import { and, asc, count, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { areas, schools } from "../../db/schema/index";

export type AreaRow = typeof areas.$inferSelect;
export type AreaWithCount = {
  id: string;
  name: string;
  districts: string[];
  postcodePrefixes: string[];
  schoolCount: number;
};

export const areasRepository = (db: DbOrTx) => {
  const withCounts = async (hubId: string, extra?: SQL): Promise<AreaWithCount[]> => {
    const counts = db
      .select({ areaId: schools.areaId, n: count().as("n") })
      .from(schools)
      .where(and(eq(schools.hubId, hubId), isNotNull(schools.areaId)))
      .groupBy(schools.areaId)
      .as("counts");
    return db
      .select({
        id: areas.id,
        name: areas.name,
        districts: areas.districts,
        postcodePrefixes: areas.postcodePrefixes,
        schoolCount: sql<number>`coalesce(${counts.n}, 0)::int`,
      })
      .from(areas)
      .leftJoin(counts, eq(counts.areaId, areas.id))
      .where(and(eq(areas.hubId, hubId), extra))
      .orderBy(asc(areas.name));
  };

  return {
    list: (hubId: string) => withCounts(hubId),
    withCount: async (hubId: string, id: string) => (await withCounts(hubId, eq(areas.id, id)))[0],

    /** Every area of the hub with its rules (for the area rule). */
    all: (hubId: string) => db.select().from(areas).where(eq(areas.hubId, hubId)).orderBy(asc(areas.name)),

    /** One area; with `lock`, its row locked (`FOR NO KEY UPDATE`) until the transaction ends. */
    byId: async (hubId: string, id: string, opts: { lock?: boolean } = {}) => {
      const query = db
        .select()
        .from(areas)
        .where(and(eq(areas.hubId, hubId), eq(areas.id, id)))
        .limit(1);
      return (opts.lock ? await query.for("no key update") : await query)[0];
    },

    byName: async (hubId: string, name: string) =>
      (
        await db
          .select()
          .from(areas)
          .where(and(eq(areas.hubId, hubId), sql`lower(${areas.name}) = lower(${name})`))
          .limit(1)
      )[0],

    insert: async (row: { hubId: string; name: string; districts: string[]; postcodePrefixes: string[] }) => {
      const [created] = await db.insert(areas).values(row).returning();
      if (!created) throw new Error("area not created");
      return created;
    },

    update: async (
      hubId: string,
      id: string,
      patch: { name: string; districts: string[]; postcodePrefixes: string[] },
    ) => {
      const [row] = await db
        .update(areas)
        .set(patch)
        .where(and(eq(areas.hubId, hubId), eq(areas.id, id)))
        .returning();
      return row;
    },

    delete: async (hubId: string, id: string) => {
      await db.delete(areas).where(and(eq(areas.hubId, hubId), eq(areas.id, id)));
    },

    /** The schools of an area (before it is deleted). */
    schoolsIn: (hubId: string, areaId: string, opts: { lock?: boolean } = {}) => {
      const query = db
        .select({ id: schools.id, areaSource: schools.areaSource })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), eq(schools.areaId, areaId)));
      return opts.lock ? query.orderBy(schools.id).for("no key update") : query;
    },
  };
};
