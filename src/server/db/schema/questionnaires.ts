import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Answers, Definition } from "../../../shared/schemas/questionnaires";
import { hubs } from "./hubs";
import { files } from "./platform";
import { schools } from "./schools";
import { users } from "./users";

/** A questionnaire a hub designs: its editable draft and the number of its latest published version. */
export const questionnaireTemplates = pgTable(
  "questionnaire_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    purpose: text("purpose", {
      enum: ["audit", "lead_school_application", "quality_mark_self_evaluation", "cpd_feedback", "other"],
    }).notNull(),
    academicYear: text("academic_year"),
    draft: jsonb("draft").$type<Definition>().notNull(),
    /** 0 until first published. */
    latestVersion: integer("latest_version").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("questionnaire_templates_hub_purpose").on(t.hubId, t.purpose)],
);

/** A published version: its definition never changes once written. */
export const questionnaireVersions = pgTable(
  "questionnaire_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => questionnaireTemplates.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Definition>().notNull(),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("questionnaire_versions_template_version").on(t.templateId, t.version)],
);

/** One school's answers to one version: a draft until submitted. */
export const questionnaireResponses = pgTable(
  "questionnaire_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => questionnaireTemplates.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => questionnaireVersions.id, { onDelete: "restrict" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["draft", "submitted"] })
      .notNull()
      .default("draft"),
    answers: jsonb("answers").$type<Answers>().notNull().default({}),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    index("questionnaire_responses_hub_template").on(t.hubId, t.templateId),
    index("questionnaire_responses_hub_school").on(t.hubId, t.schoolId),
  ],
);

/** Files given as answers: which response holds which stored file. */
export const questionnaireResponseFiles = pgTable(
  "questionnaire_response_files",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => questionnaireResponses.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    storageKey: text("storage_key").notNull(),
  },
  (t) => [uniqueIndex("questionnaire_response_files_pk").on(t.responseId, t.fileId)],
);
