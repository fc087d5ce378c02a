import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { hubs } from "./hubs";
import { schools } from "./schools";

export const CPD_KINDS = ["conference", "network_meeting", "twilight", "course", "ensemble_leading"] as const;
export const CPD_EVENT_STATUSES = ["draft", "published", "cancelled"] as const;
export const CPD_LEADERS = ["hub_staff", "lead_school", "partner"] as const;
export const CPD_BOOKING_STATUSES = ["booked", "waitlisted", "cancelled", "late_cancelled"] as const;
export const CPD_MARKS = ["attended", "absent", "late_cancellation"] as const;
export const CPD_CLAIM_STATUSES = ["submitted", "approved", "rejected"] as const;

/**
 * A CPD event of a hub: one or more sessions, a capacity in places (every place covers every
 * session), a price per place. `bookedPlaces` and `waitlistedPlaces` are only written while the
 * event row is locked (`select … for update`), so two bookings for the last place are served one
 * after the other and the count can never pass `capacity` (decision 027).
 */
export const cpdEvents = pgTable(
  "cpd_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    /** The public reference in catalogue addresses (no internal id leaves in public pages). */
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    kind: text("kind", { enum: CPD_KINDS }).notNull(),
    description: text("description"),
    phases: text("phases").array().notNull().default(sql`'{}'::text[]`),
    audienceRoles: text("audience_roles").array().notNull().default(sql`'{}'::text[]`),
    focusAreas: text("focus_areas").array().notNull().default(sql`'{}'::text[]`),
    capacity: integer("capacity").notNull(),
    pricePence: integer("price_pence").notNull().default(0),
    ledBy: text("led_by", { enum: CPD_LEADERS }).notNull().default("hub_staff"),
    leaderName: text("leader_name"),
    bookingOpensAt: timestamp("booking_opens_at", { withTimezone: true }),
    bookingClosesAt: timestamp("booking_closes_at", { withTimezone: true }),
    status: text("status", { enum: CPD_EVENT_STATUSES }).notNull().default("draft"),
    /** First session's start: kept here for the catalogue's order and the "past" check. */
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    bookedPlaces: integer("booked_places").notNull().default(0),
    waitlistedPlaces: integer("waitlisted_places").notNull().default(0),
    sequence: integer("sequence").notNull().default(0),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cpd_events_ref").on(t.hubId, t.ref),
    index("cpd_events_hub_start").on(t.hubId, t.status, t.startsAt),
  ],
);

export const cpdSessions = pgTable(
  "cpd_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => cpdEvents.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    venue: text("venue"),
    onlineUrl: text("online_url"),
  },
  (t) => [
    index("cpd_sessions_event").on(t.eventId, t.position),
    index("cpd_sessions_hub_start").on(t.hubId, t.startsAt),
  ],
);

/** One school's booking of one or more places; waitlisted bookings wait in `createdAt` order. */
export const cpdBookings = pgTable(
  "cpd_bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => cpdEvents.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    status: text("status", { enum: CPD_BOOKING_STATUSES }).notNull(),
    places: integer("places").notNull(),
    bookedBy: uuid("booked_by"),
    bookerEmail: text("booker_email"),
    /** Sent by the reminders schedule, once each. */
    remindedWeekAt: timestamp("reminded_week_at", { withTimezone: true }),
    remindedDayAt: timestamp("reminded_day_at", { withTimezone: true }),
    /** When the people booked were asked for feedback, after the event. */
    feedbackAskedAt: timestamp("feedback_asked_at", { withTimezone: true }),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cpd_bookings_event").on(t.eventId, t.status, t.createdAt),
    index("cpd_bookings_school").on(t.hubId, t.schoolId),
  ],
);

/** A named person's place on a booking, with what it costs (decided by rules/cpd-price.ts). */
export const cpdPlaces = pgTable(
  "cpd_places",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => cpdBookings.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => cpdEvents.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Lower case. */
    email: text("email").notNull(),
    pricePence: integer("price_pence").notNull(),
    free: boolean("free").notNull().default(false),
    /** False once its booking is cancelled: the person may then be booked again. */
    active: boolean("active").notNull().default(true),
    /** The hash of the person's own feedback link (sent after the event); the link is never stored. */
    feedbackTokenHash: text("feedback_token_hash"),
  },
  (t) => [
    // The same person cannot hold two places on one event (so on one of its sessions).
    uniqueIndex("cpd_places_person").on(t.eventId, t.email).where(sql`${t.active}`),
    index("cpd_places_booking").on(t.bookingId),
    uniqueIndex("cpd_places_feedback_token").on(t.feedbackTokenHash),
  ],
);

export const cpdAttendance = pgTable(
  "cpd_attendance",
  {
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => cpdPlaces.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => cpdSessions.id, { onDelete: "cascade" }),
    mark: text("mark", { enum: CPD_MARKS }).notNull(),
    markedBy: uuid("marked_by"),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.sessionId] }), index("cpd_attendance_session").on(t.sessionId)],
);

export const cpdFeedback = pgTable(
  "cpd_feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => cpdEvents.id, { onDelete: "cascade" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => cpdPlaces.id, { onDelete: "cascade" }),
    usefulness: integer("usefulness").notNull(),
    confidenceBefore: integer("confidence_before").notNull(),
    confidenceAfter: integer("confidence_after").notNull(),
    comments: text("comments"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("cpd_feedback_place").on(t.placeId), index("cpd_feedback_event").on(t.eventId)],
);

/** A Lead School's claim towards supply cover for staff who attended or led an event. */
export const cpdClaims = pgTable(
  "cpd_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => cpdEvents.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    days: numeric("days", { precision: 4, scale: 1, mode: "number" }).notNull(),
    dailyRatePence: integer("daily_rate_pence").notNull(),
    totalPence: integer("total_pence").notNull(),
    contributionPercent: integer("contribution_percent").notNull(),
    contributionPence: integer("contribution_pence").notNull(),
    status: text("status", { enum: CPD_CLAIM_STATUSES }).notNull().default("submitted"),
    reason: text("reason"),
    claimedBy: uuid("claimed_by"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cpd_claims_hub").on(t.hubId, t.status, t.createdAt)],
);

/** A hub's CPD settings. */
export const cpdSettings = pgTable("cpd_settings", {
  hubId: uuid("hub_id")
    .primaryKey()
    .references(() => hubs.id, { onDelete: "cascade" }),
  /** What the hub pays towards a Lead School's supply cover, in percent. */
  supplyContributionPercent: integer("supply_contribution_percent").notNull().default(50),
  /** A booking cancelled fewer than this many days before the event is still charged. */
  cancelCutoffDays: integer("cancel_cutoff_days").notNull().default(7),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
