import { and, asc, count, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { RagCriteriaConfig, RagRating } from "../../../shared/rules/rag-suggestion";
import type { RagBoardQuery } from "../../../shared/schemas/rag";
import type { DbOrTx } from "../../db/client";
import {
  areas,
  ragCriteria,
  ragCurrent,
  ragRatings,
  schoolMusicData,
  schools,
  users,
} from "../../db/schema/index";

export type MusicFactsRow = {
  schoolId: string;
  academicYear: string;
  sdpMusic: boolean | null;
  wcetPupils: number | null;
  instrumentPupils: number | null;
  ks1: number | null;
  ks2: number | null;
  ks3: number | null;
  ks4: number | null;
};

/** The RAG tables' SQL, always scoped by hub. */
export const ragRepository = (db: DbOrTx) => ({
  criteria: async (hubId: string) => {
    const [row] = await db.select().from(ragCriteria).where(eq(ragCriteria.hubId, hubId));
    return row;
  },

  saveCriteria: async (hubId: string, config: RagCriteriaConfig, userId: string | null, at: Date) => {
    await db
      .insert(ragCriteria)
      .values({ hubId, config, updatedBy: userId, updatedAt: at })
      .onConflictDoUpdate({ target: ragCriteria.hubId, set: { config, updatedBy: userId, updatedAt: at } });
  },

  /** A school's ratings, newest first, with the name of who set each. */
  history: (hubId: string, schoolId: string) =>
    db
      .select({
        id: ragRatings.id,
        rating: ragRatings.rating,
        reason: ragRatings.reason,
        suggested: ragRatings.suggested,
        setBy: users.name,
        setAt: ragRatings.setAt,
      })
      .from(ragRatings)
      .leftJoin(users, eq(users.id, ragRatings.setBy))
      .where(and(eq(ragRatings.hubId, hubId), eq(ragRatings.schoolId, schoolId)))
      .orderBy(desc(ragRatings.id)),

  /** Appends a rating and makes it the school's current one (the caller holds the school's lock). */
  record: async (row: {
    hubId: string;
    schoolId: string;
    rating: RagRating;
    reason: string;
    suggested: RagRating;
    setBy: string | null;
    setAt: Date;
  }) => {
    const [saved] = await db.insert(ragRatings).values(row).returning();
    if (!saved) throw new Error("rating not saved");
    const current = { hubId: row.hubId, ratingId: saved.id, rating: row.rating, setAt: row.setAt };
    await db
      .insert(ragCurrent)
      .values({ schoolId: row.schoolId, ...current })
      // Conditional as well as locked: a rating never replaces a newer one as the current.
      .onConflictDoUpdate({
        target: ragCurrent.schoolId,
        set: current,
        setWhere: sql`${ragCurrent.ratingId} < excluded.rating_id`,
      });
    return saved;
  },

  /** The music figures the criteria read, for some schools and years. */
  musicFacts: (hubId: string, schoolIds: string[], years: string[]): Promise<MusicFactsRow[]> =>
    schoolIds.length === 0
      ? Promise.resolve([])
      : db
          .select({
            schoolId: schoolMusicData.schoolId,
            academicYear: schoolMusicData.academicYear,
            sdpMusic: schoolMusicData.sdpMusic,
            wcetPupils: schoolMusicData.wcetPupils,
            instrumentPupils: schoolMusicData.instrumentPupils,
            ks1: schoolMusicData.curriculumMinutesKs1,
            ks2: schoolMusicData.curriculumMinutesKs2,
            ks3: schoolMusicData.curriculumMinutesKs3,
            ks4: schoolMusicData.curriculumMinutesKs4,
          })
          .from(schoolMusicData)
          .where(
            and(
              eq(schoolMusicData.hubId, hubId),
              inArray(schoolMusicData.schoolId, schoolIds),
              inArray(schoolMusicData.academicYear, years),
            ),
          ),

  /** One page of the board: the hub's schools (closed ones aside) in rating order, and counts per rating. */
  board: async (hubId: string, q: RagBoardQuery) => {
    const filters: SQL[] = [eq(schools.hubId, hubId), ne(schools.status, "closed")];
    if (q.phase) filters.push(eq(schools.phase, q.phase));
    if (q.area) filters.push(q.area === "none" ? isNull(schools.areaId) : eq(schools.areaId, q.area));
    if (q.linkOfficer)
      filters.push(
        q.linkOfficer === "none" ? isNull(schools.linkOfficerId) : eq(schools.linkOfficerId, q.linkOfficer),
      );
    const counted = await db
      .select({ rating: ragCurrent.rating, n: count() })
      .from(schools)
      .leftJoin(ragCurrent, eq(ragCurrent.schoolId, schools.id))
      .where(and(...filters))
      .groupBy(ragCurrent.rating);
    const counts = { red: 0, amber: 0, green: 0, unrated: 0 };
    for (const c of counted) counts[c.rating ?? "unrated"] = c.n;
    if (q.rating)
      filters.push(q.rating === "unrated" ? isNull(ragCurrent.rating) : eq(ragCurrent.rating, q.rating));
    const order = sql`case ${ragCurrent.rating} when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end`;
    const items = await db
      .select({
        id: schools.id,
        urn: schools.urn,
        name: schools.name,
        phase: schools.phase,
        areaName: areas.name,
        linkOfficerName: users.name,
        rating: ragCurrent.rating,
        setAt: ragCurrent.setAt,
      })
      .from(schools)
      .leftJoin(ragCurrent, eq(ragCurrent.schoolId, schools.id))
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .leftJoin(users, eq(users.id, schools.linkOfficerId))
      .where(and(...filters))
      .orderBy(order, asc(schools.name), asc(schools.urn))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const total = q.rating ? counts[q.rating] : counts.red + counts.amber + counts.green + counts.unrated;
    return { items, counts, total };
  },
});
