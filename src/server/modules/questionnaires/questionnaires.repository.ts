import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type {
  Answers,
  Definition,
  QuestionnairePurpose,
  ResponseListQuery,
} from "../../../shared/schemas/questionnaires";
import type { DbOrTx } from "../../db/client";
import {
  files,
  questionnaireResponseFiles,
  questionnaireResponses,
  questionnaireTemplates,
  questionnaireVersions,
  schoolMusicData,
  schools,
  users,
} from "../../db/schema/index";

export type TemplateRow = typeof questionnaireTemplates.$inferSelect;
export type VersionRow = typeof questionnaireVersions.$inferSelect;
export type ResponseRow = typeof questionnaireResponses.$inferSelect;

const responseColumns = {
  row: questionnaireResponses,
  templateTitle: questionnaireTemplates.title,
  version: questionnaireVersions.version,
  definition: questionnaireVersions.definition,
  schoolName: schools.name,
  schoolUrn: schools.urn,
};
export type ResponseWithNames = {
  row: ResponseRow;
  templateTitle: string;
  version: number;
  definition: Definition;
  schoolName: string;
  schoolUrn: number;
};

/** The only SQL of questionnaires; every query is scoped by the hub. */
export const questionnairesRepository = (db: DbOrTx) => {
  const T = questionnaireTemplates;
  const V = questionnaireVersions;
  const R = questionnaireResponses;
  const responsesSelect = () =>
    db
      .select(responseColumns)
      .from(R)
      .innerJoin(T, eq(T.id, R.templateId))
      .innerJoin(V, eq(V.id, R.versionId))
      .innerJoin(schools, eq(schools.id, R.schoolId));
  return {
    listTemplates: async (hubId: string, purpose?: QuestionnairePurpose) => {
      const counts = db
        .select({
          templateId: R.templateId,
          responses: count().as("responses"),
          submitted: sql<number>`count(*) filter (where ${R.status} = 'submitted')::int`.as("submitted"),
        })
        .from(R)
        .where(eq(R.hubId, hubId))
        .groupBy(R.templateId)
        .as("counts");
      return db
        .select({
          template: T,
          latest: V.definition,
          responses: sql<number>`coalesce(${counts.responses}, 0)::int`,
          submitted: sql<number>`coalesce(${counts.submitted}, 0)::int`,
        })
        .from(T)
        .leftJoin(V, and(eq(V.templateId, T.id), eq(V.version, T.latestVersion)))
        .leftJoin(counts, eq(counts.templateId, T.id))
        .where(and(eq(T.hubId, hubId), purpose ? eq(T.purpose, purpose) : undefined))
        .orderBy(asc(T.title), asc(T.createdAt));
    },
    template: async (hubId: string, id: string, opts: { forUpdate?: boolean } = {}) => {
      const q = db
        .select()
        .from(T)
        .where(and(eq(T.hubId, hubId), eq(T.id, id)));
      const [row] = opts.forUpdate ? await q.for("update") : await q;
      return row;
    },
    responseCounts: async (hubId: string, templateId: string) => {
      const [row] = await db
        .select({
          responses: count(),
          submitted: sql<number>`count(*) filter (where ${R.status} = 'submitted')::int`,
        })
        .from(R)
        .where(and(eq(R.hubId, hubId), eq(R.templateId, templateId)));
      return { responses: row?.responses ?? 0, submitted: row?.submitted ?? 0 };
    },
    insertTemplate: async (values: typeof T.$inferInsert) => {
      const [row] = await db.insert(T).values(values).returning();
      if (!row) throw new Error("template not inserted");
      return row;
    },
    updateTemplate: async (hubId: string, id: string, values: Partial<typeof T.$inferInsert>) => {
      const [row] = await db
        .update(T)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(T.hubId, hubId), eq(T.id, id)))
        .returning();
      return row;
    },
    versions: (hubId: string, templateId: string) =>
      db
        .select({ version: V, publishedByName: users.name })
        .from(V)
        .leftJoin(users, eq(users.id, V.publishedBy))
        .where(and(eq(V.hubId, hubId), eq(V.templateId, templateId)))
        .orderBy(desc(V.version)),
    version: async (hubId: string, templateId: string, version: number) => {
      const [row] = await db
        .select()
        .from(V)
        .where(and(eq(V.hubId, hubId), eq(V.templateId, templateId), eq(V.version, version)));
      return row;
    },
    insertVersion: async (values: typeof V.$inferInsert) => {
      const [row] = await db.insert(V).values(values).returning();
      if (!row) throw new Error("version not inserted");
      return row;
    },
    /** Published templates: what can be filled in. */
    available: (hubId: string) =>
      db
        .select()
        .from(T)
        .where(and(eq(T.hubId, hubId), sql`${T.latestVersion} > 0`))
        .orderBy(asc(T.title)),
    listResponses: (hubId: string, q: ResponseListQuery) =>
      responsesSelect()
        .where(
          and(
            eq(R.hubId, hubId),
            q.templateId ? eq(R.templateId, q.templateId) : undefined,
            q.schoolId ? eq(R.schoolId, q.schoolId) : undefined,
            q.status ? eq(R.status, q.status) : undefined,
          ),
        )
        .orderBy(asc(schools.name), desc(R.updatedAt)),
    response: async (hubId: string, id: string): Promise<ResponseWithNames | undefined> => {
      const [row] = await responsesSelect().where(and(eq(R.hubId, hubId), eq(R.id, id)));
      return row;
    },
    lockResponse: async (hubId: string, id: string) => {
      const [row] = await db
        .select()
        .from(R)
        .where(and(eq(R.hubId, hubId), eq(R.id, id)))
        .for("update");
      return row;
    },
    openDraft: async (hubId: string, templateId: string, schoolId: string) => {
      const [row] = await db
        .select()
        .from(R)
        .where(
          and(
            eq(R.hubId, hubId),
            eq(R.templateId, templateId),
            eq(R.schoolId, schoolId),
            eq(R.status, "draft"),
          ),
        )
        .orderBy(desc(R.updatedAt))
        .limit(1);
      return row;
    },
    insertResponse: async (values: typeof R.$inferInsert) => {
      const [row] = await db.insert(R).values(values).returning();
      if (!row) throw new Error("response not inserted");
      return row;
    },
    /** Merges answers into a draft in one statement (parallel autosaves each keep theirs). */
    mergeAnswers: async (hubId: string, id: string, answers: Answers, userId: string | null) => {
      const [row] = await db
        .update(R)
        .set({
          answers: sql`${R.answers} || ${JSON.stringify(answers)}::jsonb`,
          updatedBy: userId,
          updatedAt: new Date(),
        })
        .where(and(eq(R.hubId, hubId), eq(R.id, id), eq(R.status, "draft")))
        .returning();
      return row;
    },
    submitResponse: async (hubId: string, id: string, answers: Answers, userId: string | null, at: Date) => {
      const [row] = await db
        .update(R)
        .set({ status: "submitted", answers, submittedBy: userId, submittedAt: at, updatedAt: at })
        .where(and(eq(R.hubId, hubId), eq(R.id, id), eq(R.status, "draft")))
        .returning();
      return row;
    },
    school: async (hubId: string, schoolId: string) => {
      const [row] = await db
        .select({ id: schools.id, name: schools.name })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), eq(schools.id, schoolId)));
      return row;
    },
    musicYear: async (hubId: string, schoolId: string, year: string) => {
      const [row] = await db
        .select()
        .from(schoolMusicData)
        .where(
          and(
            eq(schoolMusicData.hubId, hubId),
            eq(schoolMusicData.schoolId, schoolId),
            eq(schoolMusicData.academicYear, year),
          ),
        );
      return row;
    },
    insertFile: async (
      values: typeof files.$inferInsert & { hubId: string },
      link: { responseId: string; questionId: string; storageKey: string },
    ) => {
      const [file] = await db.insert(files).values(values).returning();
      if (!file) throw new Error("file not inserted");
      await db.insert(questionnaireResponseFiles).values({ ...link, fileId: file.id, hubId: values.hubId });
      return file;
    },
    responseFile: async (hubId: string, responseId: string, fileId: string) => {
      const [row] = await db
        .select({ file: files, storageKey: questionnaireResponseFiles.storageKey })
        .from(questionnaireResponseFiles)
        .innerJoin(files, eq(files.id, questionnaireResponseFiles.fileId))
        .where(
          and(
            eq(questionnaireResponseFiles.hubId, hubId),
            eq(questionnaireResponseFiles.responseId, responseId),
            eq(questionnaireResponseFiles.fileId, fileId),
          ),
        );
      return row;
    },
  };
};
