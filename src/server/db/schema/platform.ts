import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { hubs } from "./hubs";
import { users } from "./users";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    hubId: uuid("hub_id").references(() => hubs.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    action: text("action", { enum: ["create", "update", "delete"] }).notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_hub_at").on(t.hubId, t.at), index("audit_entity").on(t.hubId, t.entity, t.entityId)],
);

/** Every e-mail Tutti writes is kept here, whatever the transport. */
/** A file sent with a message. */
export type MailAttachment = { filename: string; contentType: string; content: string };

export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id").references(() => hubs.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** Files sent with the message (an .ics invitation…), text content only. */
    attachments: jsonb("attachments").$type<MailAttachment[]>(),
    status: text("status", { enum: ["stored", "queued", "sent", "failed"] })
      .notNull()
      .default("stored"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_hub_created").on(t.hubId, t.createdAt)],
);

/** Metadata of stored files; the bytes live in the file store. */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("files_hub").on(t.hubId)],
);

/** Long jobs (imports) with their progress, so the web can show it. */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed"] })
      .notNull()
      .default("running"),
    fileName: text("file_name"),
    totalBytes: bigint("total_bytes", { mode: "number" }),
    processedBytes: bigint("processed_bytes", { mode: "number" }).notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** The process running the job (host, pid and a random instance id), while it runs. */
    owner: text("owner"),
    /** Written every few seconds by the owner while the job runs: a stale one means the owner is gone. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_hub_created").on(t.hubId, t.createdAt),
    index("jobs_running").on(t.status, t.heartbeatAt),
  ],
);

/**
 * A counter per hub and topic ("engagement", "rag", "cpd", …), raised by statement triggers in the
 * writer's transaction at every write of the topic's tables, with a `topics:<hub id>` notification
 * (migration 0020, decision 030). What a process keeps of a hub's committed data (platform/hub-reads.ts)
 * holds while the versions of its topics have not moved.
 */
export const hubTopicVersions = pgTable(
  "hub_topic_versions",
  {
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hubId, t.topic] })],
);
