import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { hubs } from "./hubs";
import { files } from "./platform";
import { schools } from "./schools";
import { users } from "./users";

export type RoundCriterion = { id: string; label: string; max: number };

/** A recruitment round: its four timeline dates, what it looks for, and its published texts. */
export const leadSchoolRounds = pgTable(
  "lead_school_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    closesOn: date("closes_on").notNull(),
    shortlistOn: date("shortlist_on").notNull(),
    visitsFrom: date("visits_from").notNull(),
    announceOn: date("announce_on").notNull(),
    lookingFor: text("looking_for").notNull().default(""),
    areaIdsWanted: uuid("area_ids_wanted").array().notNull().default(sql`'{}'::uuid[]`),
    settingsWanted: text("settings_wanted").array().notNull().default(sql`'{}'::text[]`),
    expectations: text("expectations").notNull().default(""),
    benefits: text("benefits").notNull().default(""),
    criteria: jsonb("criteria").$type<RoundCriterion[]>().notNull(),
    /** Panel members who are school users (heads of Lead Schools); hub admins and staff review anyway. */
    panelUserIds: uuid("panel_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lead_school_rounds_hub").on(t.hubId, t.closesOn)],
);

export const APPLICATION_STATUSES = ["draft", "submitted", "shortlisted", "declined", "appointed"] as const;

/** A school's application to a round: the form's answers as JSON (shared contract), then the panel's decision. */
export const leadSchoolApplications = pgTable(
  "lead_school_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    roundId: uuid("round_id")
      .notNull()
      .references(() => leadSchoolRounds.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("draft"),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    focusAreas: text("focus_areas").array().notNull().default(sql`'{}'::text[]`),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    moderatedTotal: numeric("moderated_total", { precision: 7, scale: 2, mode: "number" }),
    moderationNote: text("moderation_note"),
    decisionReason: text("decision_reason"),
    feedback: text("feedback"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** When the school was told of the shortlist decision (by the daily job, on the "shortlist told" date). */
    toldAt: timestamp("told_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("lead_school_applications_round_school").on(t.roundId, t.schoolId),
    index("lead_school_applications_hub").on(t.hubId, t.status),
    index("lead_school_applications_school").on(t.hubId, t.schoolId),
  ],
);

export const leadSchoolApplicationFiles = pgTable(
  "lead_school_application_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => leadSchoolApplications.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    storageKey: text("storage_key").notNull(),
  },
  (t) => [index("lead_school_application_files_app").on(t.applicationId)],
);

export type CriterionScore = { criterionId: string; score: number; comment: string };

/** One reviewer's scores of one application, made independently of the others. */
export const leadSchoolScores = pgTable(
  "lead_school_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => leadSchoolApplications.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scores: jsonb("scores").$type<CriterionScore[]>().notNull(),
    total: integer("total").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("lead_school_scores_app_reviewer").on(t.applicationId, t.reviewerId)],
);

/** The record of the half-day visit to a shortlisted school. */
export const leadSchoolVisits = pgTable(
  "lead_school_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => leadSchoolApplications.id, { onDelete: "cascade" }),
    date: date("date").notNull(),
    /** The engagement visit (purpose `lead_school`) made with it, when one was. */
    visitId: uuid("visit_id"),
    record: jsonb("record").$type<Record<string, unknown>>().notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("lead_school_visits_app").on(t.applicationId)],
);

/** An appointment: a school in office as a Lead School for a term, leading one or more focus areas. */
export const leadSchools = pgTable(
  "lead_schools",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id").references(() => leadSchoolApplications.id, {
      onDelete: "set null",
    }),
    focusAreas: text("focus_areas").array().notNull(),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    /** Listed publicly from this day (a round's announcement date; the from date when recorded directly). */
    announceOn: date("announce_on").notNull(),
    announcedAt: timestamp("announced_at", { withTimezone: true }),
    /** Set by an annual review that ends the appointment. */
    endedOn: date("ended_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lead_schools_hub_term").on(t.hubId, t.fromDate, t.toDate),
    index("lead_schools_school").on(t.hubId, t.schoolId),
  ],
);

/** The benefits ledger and the activity log of a Lead School, and its annual reviews. */
export const leadSchoolLedger = pgTable(
  "lead_school_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    leadSchoolId: uuid("lead_school_id")
      .notNull()
      .references(() => leadSchools.id, { onDelete: "cascade" }),
    /** `benefit`, `activity` or `review`. */
    entry: text("entry", { enum: ["benefit", "activity", "review"] }).notNull(),
    kind: text("kind").notNull(),
    date: date("date").notNull(),
    amount: numeric("amount", { precision: 10, scale: 2, mode: "number" }),
    count: integer("count"),
    continues: boolean("continues"),
    text: text("text").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lead_school_ledger_lead").on(t.leadSchoolId, t.date)],
);
