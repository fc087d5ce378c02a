import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { QmAnswer, QmFramework } from "../../../shared/rules/quality-mark";
import { cpdEvents } from "./cpd";
import { hubs } from "./hubs";
import { schools } from "./schools";

export const QM_LEVEL_CODES = ["bronze", "silver", "gold", "platinum"] as const;
export const QM_APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "queried",
  "assessed",
  "awarded",
  "not_yet",
] as const;

/**
 * One version of a hub's quality mark framework for an academic year. Every save adds a
 * version; an application keeps the id of the version it was started under (decision 028).
 */
export const qmFrameworks = pgTable(
  "qm_frameworks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    academicYear: text("academic_year").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<QmFramework>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("qm_frameworks_hub_year_version").on(t.hubId, t.academicYear, t.version)],
);

export type QmReview = {
  decision: "accept" | "query" | "reject";
  comment: string | null;
  by: string;
  at: string;
};

/** A school's application for the quality mark at a level. */
export const qmApplications = pgTable(
  "qm_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => qmFrameworks.id),
    academicYear: text("academic_year").notNull(),
    level: text("level", { enum: QM_LEVEL_CODES }).notNull(),
    status: text("status", { enum: QM_APPLICATION_STATUSES }).notNull().default("draft"),
    answers: jsonb("answers").$type<Record<string, QmAnswer>>().notNull().default({}),
    reviews: jsonb("reviews").$type<Record<string, QmReview>>().notNull().default({}),
    assessorId: uuid("assessor_id"),
    visitId: uuid("visit_id"),
    moderatorId: uuid("moderator_id"),
    outcomeLevel: text("outcome_level", { enum: QM_LEVEL_CODES }),
    outcomeReasons: text("outcome_reasons"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("qm_applications_hub_status").on(t.hubId, t.status),
    index("qm_applications_hub_school").on(t.hubId, t.schoolId),
    // One application in progress per school: two parallel starts cannot both succeed.
    uniqueIndex("qm_applications_one_open")
      .on(t.hubId, t.schoolId)
      .where(sql`${t.status} in ('draft', 'submitted', 'queried', 'assessed')`),
  ],
);

/** An evidence file of one standard of an application (content checked on upload). */
export const qmEvidenceFiles = pgTable(
  "qm_evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => qmApplications.id, { onDelete: "cascade" }),
    standardId: text("standard_id").notNull(),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    storageKey: text("storage_key").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("qm_evidence_files_application").on(t.applicationId)],
);

/** A hub's assessors, with the school a peer assessor works at (an assessor never judges it or its trust). */
export const qmAssessors = pgTable(
  "qm_assessors",
  {
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    schoolId: uuid("school_id").references(() => schools.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("qm_assessors_hub_user").on(t.hubId, t.userId)],
);

/** An award: from a moderated application, or recorded directly (a past award). */
export const qmAwards = pgTable(
  "qm_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    level: text("level", { enum: QM_LEVEL_CODES }).notNull(),
    awardedOn: date("awarded_on").notNull(),
    academicYear: text("academic_year").notNull(),
    validUntil: date("valid_until").notNull(),
    applicationId: uuid("application_id").references(() => qmApplications.id, { onDelete: "set null" }),
    moderatorId: uuid("moderator_id"),
    renewalPromptedAt: timestamp("renewal_prompted_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("qm_awards_hub_school").on(t.hubId, t.schoolId),
    index("qm_awards_hub_valid").on(t.hubId, t.validUntil),
  ],
);

/**
 * The CPD event at which a year's awards are presented (at most one a year): the event's
 * running order lists the schools awarded in that academic year.
 */
export const qmPresentations = pgTable(
  "qm_presentations",
  {
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    academicYear: text("academic_year").notNull(),
    cpdEventId: uuid("cpd_event_id")
      .notNull()
      .references(() => cpdEvents.id, { onDelete: "cascade" }),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("qm_presentations_hub_year").on(t.hubId, t.academicYear)],
);
