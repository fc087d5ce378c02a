import { sql } from "drizzle-orm";
import {
  boolean,
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
import { hubs } from "./hubs";
import { schools } from "./schools";

export const VISIT_PURPOSES = [
  "first_conversation",
  "follow_up",
  "targeted_support",
  "lead_school",
  "quality_mark",
] as const;

/** A visit to a school by hub staff: scheduled ahead, or recorded after it happened. */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    date: date("date").notNull(),
    /** "HH:MM", London time; null = a whole-day visit (invitations use 09:00). */
    time: text("time"),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    purpose: text("purpose", { enum: VISIT_PURPOSES }).notNull(),
    status: text("status", { enum: ["scheduled", "cancelled"] })
      .notNull()
      .default("scheduled"),
    /** Entered after the visit happened (a past date was allowed). */
    recorded: boolean("recorded").notNull().default(false),
    /** Hub members who attend (user ids of the hub's admins and staff). */
    attendeeIds: uuid("attendee_ids").array().notNull().default(sql`'{}'::uuid[]`),
    notes: text("notes"),
    /** The .ics SEQUENCE: raised at every reschedule and at cancellation. */
    sequence: integer("sequence").notNull().default(0),
    changeReason: text("change_reason"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("visits_hub_date").on(t.hubId, t.date),
    index("visits_hub_school").on(t.hubId, t.schoolId),
    index("visits_attendees").using("gin", t.attendeeIds),
    /** The latest visits of a page of schools (RAG inputs, my schools, coverage). */
    index("visits_school_date").on(t.schoolId, t.date),
  ],
);

export type VisitJudgement = {
  section: string;
  judgement: "strength" | "developing" | "priority";
  seen: string | null;
};

/** The report of one visit: a draft until a hub admin approves it, then shared with the school. */
export const visitReports = pgTable(
  "visit_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["draft", "approved"] })
      .notNull()
      .default("draft"),
    summary: text("summary").notNull(),
    seen: text("seen"),
    judgements: jsonb("judgements").$type<VisitJudgement[]>().notNull().default([]),
    /** Raised at every save: a save based on an older version is refused (409). */
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by"),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("visit_reports_visit").on(t.visitId),
    index("visit_reports_hub_status").on(t.hubId, t.status),
  ],
);

/** An agreed next step of a report, with its owner, due date and status. */
export const visitNextSteps = pgTable(
  "visit_next_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    reportId: uuid("report_id")
      .notNull()
      .references(() => visitReports.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    owner: text("owner", { enum: ["school", "hub"] }).notNull(),
    due: date("due"),
    status: text("status", { enum: ["open", "done", "dropped"] })
      .notNull()
      .default("open"),
  },
  (t) => [
    index("visit_next_steps_report").on(t.reportId, t.position),
    index("visit_next_steps_hub_open").on(t.hubId, t.status, t.due),
    /** Open next steps of a page of schools (RAG inputs, my schools). */
    index("visit_next_steps_school_open").on(t.schoolId, t.status),
  ],
);
