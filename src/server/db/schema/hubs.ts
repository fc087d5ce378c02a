import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["hub_admin", "hub_staff", "school_user", "partner_user"]);

export const hubs = pgTable("hubs", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** Local authorities the hub covers, by GIAS `LA (code)`, e.g. "207". */
  laCodes: text("la_codes").array().notNull().default(sql`'{}'::text[]`),
  isDemo: boolean("is_demo").notNull().default(false),
  /** The hub's colour ("#1f4e79"): the header band of its documents and public pages. */
  brandColour: text("brand_colour").notNull().default("#1f4e79"),
  /** Public: how the hub describes the area it serves, e.g. "Northshire and the City of Eastby". */
  areaServed: text("area_served"),
  /** Public: the address anyone may write to; null keeps the hub's public page without one. */
  publicEmail: text("public_email"),
  /**
   * Raised (by triggers, migration 0003) whenever the hub's schools, areas or a link officer's
   * name change: the in-memory school directory reloads a hub when this moved.
   */
  schoolsVersion: bigint("schools_version", { mode: "number" }).notNull().default(0),
  /**
   * Raised whenever a school profile of the hub may read differently: everything that raises
   * schoolsVersion, and any write to contacts or music data (triggers, migration 0004).
   */
  profilesVersion: bigint("profiles_version", { mode: "number" }).notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A hub's areas (clusters, districts, "City" and "County"). */
export const areas = pgTable(
  "areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Assignment rule: a school whose district is one of these belongs here. */
    districts: text("districts").array().notNull().default(sql`'{}'::text[]`),
    /** Assignment rule: a school whose postcode district (e.g. "NS1") is one of these belongs here. */
    postcodePrefixes: text("postcode_prefixes").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("areas_hub_name").on(t.hubId, sql`lower(${t.name})`)],
);

/** Partner organisations (the partners module extends this). */
export const partners = pgTable(
  "partners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("partners_hub").on(t.hubId)],
);
