import { sql } from "drizzle-orm";
import { date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { hubs } from "./hubs";
import { schools } from "./schools";
import { users } from "./users";

/** A phase of the hub's programme of school visits ("Phase 1, 2025/26"): dates and target schools. */
export const engagementPhases = pgTable(
  "engagement_phases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("engagement_phases_hub_start").on(t.hubId, t.startsOn),
    uniqueIndex("engagement_phases_hub_name").on(t.hubId, sql`lower(${t.name})`),
  ],
);

/** A school on a phase's target list, and how it joined (hub invitation or its own interest). */
export const engagementPhaseSchools = pgTable(
  "engagement_phase_schools",
  {
    phaseId: uuid("phase_id")
      .notNull()
      .references(() => engagementPhases.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    joinedVia: text("joined_via", { enum: ["invitation", "interest"] }).notNull(),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.phaseId, t.schoolId] }),
    index("engagement_phase_schools_school").on(t.hubId, t.schoolId),
  ],
);

export const INTEREST_KINDS = ["be_visited", "support_others"] as const;
export const INTEREST_STATUSES = ["pending", "accepted", "declined"] as const;

/**
 * A school's expression of interest: to be visited in the next phase, or to support other
 * schools. At most one pending interest per school and kind (the partial unique index).
 */
export const engagementInterests = pgTable(
  "engagement_interests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INTEREST_KINDS }).notNull(),
    status: text("status", { enum: INTEREST_STATUSES }).notNull().default("pending"),
    /** A signed-in school user, or the public form. */
    source: text("source", { enum: ["school_user", "public_form"] }).notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    message: text("message"),
    /** The phase an accepted interest was taken into, if any. */
    phaseId: uuid("phase_id").references(() => engagementPhases.id, { onDelete: "set null" }),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("engagement_interests_hub_status").on(t.hubId, t.status, t.createdAt),
    uniqueIndex("engagement_interests_one_pending")
      .on(t.schoolId, t.kind)
      .where(sql`${t.status} = 'pending'`),
  ],
);
