import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
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
import { files } from "./platform";

export const PLAN_STATUSES = ["not_started", "on_track", "at_risk", "off_track", "done"] as const;

/** A hub's plan for a period ("School Music Education Plan 2025–2027"). */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plans_hub").on(t.hubId, t.startsOn)],
);

/** A numbered objective of a plan. */
export const planObjectives = pgTable(
  "plan_objectives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: PLAN_STATUSES }).notNull().default("not_started"),
  },
  (t) => [uniqueIndex("plan_objectives_plan_number").on(t.planId, t.number)],
);

/** An action (with its resources) under an objective, and who leads it. */
export const planActions = pgTable(
  "plan_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    objectiveId: uuid("objective_id")
      .notNull()
      .references(() => planObjectives.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    /** Lead roles or people, as the hub writes them ("HoS, SLE"): the glossary explains them. */
    lead: text("lead").notNull().default(""),
  },
  (t) => [index("plan_actions_objective").on(t.objectiveId, t.position)],
);

/** A target or milestone: manual, or bound to a measure Tutti computes with a goal and a deadline. */
export const planTargets = pgTable(
  "plan_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    byWhen: date("by_when"),
    monitor: text("monitor").notNull().default(""),
    budget: text("budget").notNull().default(""),
    nextYearTarget: text("next_year_target").notNull().default(""),
    status: text("status", { enum: PLAN_STATUSES }).notNull().default("not_started"),
    /** The person asked for updates at each review (a hub member). */
    ownerId: uuid("owner_id"),
    /** A measure id from the catalogue (modules/plans/measure-catalogue.ts), or null: manual. */
    measure: text("measure"),
    goal: doublePrecision("goal"),
    deadline: date("deadline"),
    retired: boolean("retired").notNull().default(false),
    /** Raised at every revision; the earlier wording stays in plan_target_revisions. */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("plan_targets_action").on(t.actionId, t.position),
    index("plan_targets_hub_measure").on(t.hubId, t.measure),
  ],
);

export type TargetRevision = {
  text: string;
  byWhen: string | null;
  measure: string | null;
  goal: number | null;
  deadline: string | null;
  status: string;
  retired: boolean;
};

/** A target as it was before each change: revising a target keeps its history. */
export const planTargetRevisions = pgTable(
  "plan_target_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    targetId: uuid("target_id")
      .notNull()
      .references(() => planTargets.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    before: jsonb("before").$type<TargetRevision>().notNull(),
    reason: text("reason"),
    by: uuid("by"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_target_revisions_target").on(t.targetId, t.version)],
);

/** A measure's value on a day for a hub: taken daily by a job and on demand. */
export const planMeasureSnapshots = pgTable(
  "plan_measure_snapshots",
  {
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    measure: text("measure").notNull(),
    on: date("on").notNull(),
    value: doublePrecision("value").notNull(),
    numerator: integer("numerator"),
    denominator: integer("denominator"),
    takenAt: timestamp("taken_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_measure_snapshots_day").on(t.hubId, t.measure, t.on)],
);

/** A progress update on a target, with its evidence (text, links, files). */
export const planUpdates = pgTable(
  "plan_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    targetId: uuid("target_id")
      .notNull()
      .references(() => planTargets.id, { onDelete: "cascade" }),
    reviewId: uuid("review_id"),
    text: text("text").notNull(),
    links: text("links").array().notNull().default(sql`'{}'::text[]`),
    fileIds: uuid("file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: text("status", { enum: PLAN_STATUSES }),
    authorId: uuid("author_id"),
    authorName: text("author_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("plan_updates_plan_at").on(t.planId, t.at),
    index("plan_updates_target").on(t.targetId, t.at),
  ],
);

/** A file of evidence attached to updates (bytes in the file store). */
export const planFiles = pgTable(
  "plan_files",
  {
    fileId: uuid("file_id")
      .primaryKey()
      .references(() => files.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
  },
  (t) => [index("plan_files_plan").on(t.planId)],
);

/** A review cycle (e.g. termly): owners are asked for updates, the group records decisions. */
export const planReviews = pgTable(
  "plan_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("plan_reviews_plan").on(t.planId, t.createdAt)],
);

export const REVIEW_DECISIONS = ["continue", "revise", "retire"] as const;

/** The group's decision on one target in a review. */
export const planReviewDecisions = pgTable(
  "plan_review_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => planReviews.id, { onDelete: "cascade" }),
    targetId: uuid("target_id")
      .notNull()
      .references(() => planTargets.id, { onDelete: "cascade" }),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    note: text("note").notNull().default(""),
    decidedBy: uuid("decided_by"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_review_decisions_target").on(t.reviewId, t.targetId)],
);

/** The hub's own role abbreviations (HoS, SLE, AML…) and what they mean. */
export const planRoles = pgTable(
  "plan_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    abbreviation: text("abbreviation").notNull(),
    meaning: text("meaning").notNull(),
  },
  (t) => [uniqueIndex("plan_roles_hub_abbreviation").on(t.hubId, t.abbreviation)],
);

/**
 * What a hub chose to publish of a plan (decision 029): a summary anyone may read at
 * /h/:slug/plan. Only the objectives listed, and the targets (status, latest measured value) only when
 * `showTargets`; never leads, monitors, budgets, owners, updates, reviews or evidence.
 */
export const planPublications = pgTable(
  "plan_publications",
  {
    planId: uuid("plan_id")
      .primaryKey()
      .references(() => plans.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    published: boolean("published").notNull().default(false),
    summary: text("summary").notNull().default(""),
    /** The objectives shown (an objective deleted later simply drops out). */
    objectiveIds: uuid("objective_ids").array().notNull().default(sql`'{}'::uuid[]`),
    showTargets: boolean("show_targets").notNull().default(false),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_publications_hub").on(t.hubId, t.published)],
);

/** A review reminder sent to one owner (once per review, person and kind: the job never repeats one). */
export const planReviewReminders = pgTable(
  "plan_review_reminders",
  {
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => planReviews.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    /** "week": a week before the due day; "due": on the due day; "overdue": a week after. */
    kind: text("kind", { enum: ["week", "due", "overdue"] }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_review_reminders_once").on(t.reviewId, t.userId, t.kind)],
);
