import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { InterestListQuery } from "../../../shared/schemas/phases";
import type { DbOrTx } from "../../db/client";
import {
  hubs,
  engagementInterests as I,
  engagementPhases as P,
  engagementPhaseSchools as PS,
  questionnaireResponses as R,
  schoolContacts,
  schools,
  questionnaireTemplates as T,
} from "../../db/schema/index";

export type PhaseRow = typeof P.$inferSelect;
export type InterestRow = typeof I.$inferSelect;
export type InterestWithSchool = {
  interest: InterestRow;
  urn: number;
  schoolName: string;
  phaseName: string | null;
};

/** The SQL of phases and expressions of interest; every query is scoped by the hub. */
export const phasesRepository = (db: DbOrTx) => {
  const interestsSelect = () =>
    db
      .select({ interest: I, urn: schools.urn, schoolName: schools.name, phaseName: P.name })
      .from(I)
      .innerJoin(schools, eq(schools.id, I.schoolId))
      .leftJoin(P, eq(P.id, I.phaseId));
  return {
    hubBySlug: async (slug: string) => {
      const [row] = await db.select({ id: hubs.id, name: hubs.name }).from(hubs).where(eq(hubs.slug, slug));
      return row;
    },
    hubName: async (hubId: string) => {
      const [row] = await db.select({ name: hubs.name }).from(hubs).where(eq(hubs.id, hubId));
      return row?.name ?? "";
    },
    schoolsByUrn: (hubId: string, urns: readonly number[]) =>
      urns.length
        ? db
            .select({ id: schools.id, urn: schools.urn, name: schools.name, status: schools.status })
            .from(schools)
            .where(and(eq(schools.hubId, hubId), inArray(schools.urn, [...urns])))
        : Promise.resolve([]),
    school: async (hubId: string, id: string) => {
      const [row] = await db
        .select({ id: schools.id, urn: schools.urn, name: schools.name, status: schools.status })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), eq(schools.id, id)));
      return row;
    },
    /** The contacts of some of the hub's schools (those with an e-mail address are told of invitations). */
    contactsOf: (hubId: string, schoolIds: readonly string[]) =>
      schoolIds.length
        ? db
            .select({
              schoolId: schoolContacts.schoolId,
              name: schoolContacts.name,
              email: schoolContacts.email,
            })
            .from(schoolContacts)
            .where(and(eq(schoolContacts.hubId, hubId), inArray(schoolContacts.schoolId, [...schoolIds])))
            .orderBy(asc(schoolContacts.name))
        : Promise.resolve([]),

    // Phases
    phases: (hubId: string) =>
      db
        .select({
          phase: P,
          schools: sql<number>`(select count(*)::int from ${PS} where ${PS.phaseId} = ${P.id})`,
        })
        .from(P)
        .where(eq(P.hubId, hubId))
        .orderBy(desc(P.startsOn), asc(P.name)),
    phase: async (hubId: string, id: string, lock = false) => {
      const q = db
        .select()
        .from(P)
        .where(and(eq(P.hubId, hubId), eq(P.id, id)));
      const [row] = lock ? await q.for("update") : await q;
      return row;
    },
    phaseByName: async (hubId: string, name: string) => {
      const [row] = await db
        .select({ id: P.id })
        .from(P)
        .where(and(eq(P.hubId, hubId), sql`lower(${P.name}) = lower(${name})`));
      return row;
    },
    insertPhase: async (values: typeof P.$inferInsert) => {
      const [row] = await db.insert(P).values(values).returning();
      if (!row) throw new Error("could not store the phase");
      return row;
    },
    updatePhase: async (hubId: string, id: string, values: Partial<typeof P.$inferInsert>) => {
      const [row] = await db
        .update(P)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(P.hubId, hubId), eq(P.id, id)))
        .returning();
      if (!row) throw new Error("the phase disappeared");
      return row;
    },
    /** The phase's schools with their latest audit's status (any audit questionnaire of the hub). */
    phaseSchools: (hubId: string, phaseId: string) =>
      db
        .select({
          urn: schools.urn,
          name: schools.name,
          status: schools.status,
          joinedVia: PS.joinedVia,
          addedAt: PS.addedAt,
          audit: sql<"draft" | "submitted" | null>`(
            select ${R.status} from ${R} join ${T} on ${T.id} = ${R.templateId}
            where ${R.hubId} = ${hubId} and ${R.schoolId} = ${schools.id} and ${T.purpose} = 'audit'
            order by (${R.status} = 'submitted') desc, ${R.updatedAt} desc limit 1)`,
        })
        .from(PS)
        .innerJoin(schools, eq(schools.id, PS.schoolId))
        .where(and(eq(PS.hubId, hubId), eq(PS.phaseId, phaseId)))
        .orderBy(asc(schools.name)),
    /** Adds schools; those already in the phase are left as they were. Returns the ids added. */
    addSchools: async (rows: (typeof PS.$inferInsert)[]) =>
      rows.length
        ? (await db.insert(PS).values(rows).onConflictDoNothing().returning({ schoolId: PS.schoolId })).map(
            (r) => r.schoolId,
          )
        : [],
    removeSchool: async (hubId: string, phaseId: string, schoolId: string) =>
      (
        await db
          .delete(PS)
          .where(and(eq(PS.hubId, hubId), eq(PS.phaseId, phaseId), eq(PS.schoolId, schoolId)))
          .returning({ schoolId: PS.schoolId })
      ).length > 0,

    // Interests
    insertInterest: async (values: typeof I.$inferInsert) => {
      const [row] = await db.insert(I).values(values).onConflictDoNothing().returning();
      return row;
    },
    interest: async (hubId: string, id: string, lock = false): Promise<InterestWithSchool | undefined> => {
      const q = interestsSelect().where(and(eq(I.hubId, hubId), eq(I.id, id)));
      const [row] = lock ? await q.for("update", { of: I }) : await q;
      return row;
    },
    listInterests: async (hubId: string, q: InterestListQuery & { schoolId?: string }) => {
      const where = and(
        eq(I.hubId, hubId),
        q.status ? eq(I.status, q.status) : undefined,
        q.kind ? eq(I.kind, q.kind) : undefined,
        q.schoolId ? eq(I.schoolId, q.schoolId) : undefined,
      );
      const [items, [total]] = await Promise.all([
        interestsSelect()
          .where(where)
          .orderBy(desc(I.createdAt), asc(I.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(I).where(where),
      ]);
      return { items, total: total?.n ?? 0 };
    },
    updateInterest: async (hubId: string, id: string, values: Partial<typeof I.$inferInsert>) => {
      const [row] = await db
        .update(I)
        .set(values)
        .where(and(eq(I.hubId, hubId), eq(I.id, id)))
        .returning();
      if (!row) throw new Error("the interest disappeared");
      return row;
    },
  };
};
