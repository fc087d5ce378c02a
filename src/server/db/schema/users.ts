import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { hubs, partners, roleEnum } from "./hubs";
import { schools } from "./schools";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-case. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id; null until an invitation is accepted. */
    passwordHash: text("password_hash"),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    /** Set for school users: the one school they belong to. */
    schoolId: uuid("school_id").references(() => schools.id, { onDelete: "set null" }),
    /** Set for partner users: the one partner organisation they belong to. */
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    /**
     * When the person accepted the membership; null while an invitation is pending. Only an
     * accepted, active membership grants access (decision 010). Rows made directly (command
     * line, demo) are accepted when made.
     */
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).defaultNow(),
    /** The name the inviting hub typed; shown to that hub until the person accepts. */
    invitedName: text("invited_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("memberships_user_hub").on(t.userId, t.hubId), index("memberships_hub").on(t.hubId)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie token: a stolen database does not yield live cookies. */
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    currentHubId: uuid("current_hub_id").references(() => hubs.id, { onDelete: "set null" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId), index("sessions_expires").on(t.expiresAt)],
);

/** One-time links: invitations and password resets. Only the hash is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ["invite", "reset"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id").references(() => hubs.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("auth_tokens_hash").on(t.tokenHash)],
);

/** Failed sign-in attempts, for rate limiting that holds across server processes. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_at").on(t.email, t.at)],
);
