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
import { areas, hubs } from "./hubs";

/**
 * A school of the hub: the register data from GIAS plus the hub's own fields. The same URN
 * may be in two hubs (neighbouring hubs both working with a school), so URN is unique per hub.
 */
export const schools = pgTable(
  "schools",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    urn: integer("urn").notNull(),
    laCode: text("la_code").notNull(),
    laName: text("la_name"),
    establishmentNumber: text("establishment_number"),
    laestab: text("laestab"),
    name: text("name").notNull(),
    typeName: text("type_name"),
    typeGroup: text("type_group"),
    phase: text("phase").notNull(),
    status: text("status", { enum: ["open", "closed", "proposed"] }).notNull(),
    giasStatus: text("gias_status"),
    openDate: date("open_date"),
    closeDate: date("close_date"),
    statutoryLowAge: integer("statutory_low_age"),
    statutoryHighAge: integer("statutory_high_age"),
    sixthForm: text("sixth_form"),
    pupils: integer("pupils"),
    percentFsm: numeric("percent_fsm", { precision: 5, scale: 2, mode: "number" }),
    trust: text("trust"),
    street: text("street"),
    locality: text("locality"),
    address3: text("address3"),
    town: text("town"),
    county: text("county"),
    postcode: text("postcode"),
    website: text("website"),
    phone: text("phone"),
    headTitle: text("head_title"),
    headFirstName: text("head_first_name"),
    headLastName: text("head_last_name"),
    headJobTitle: text("head_job_title"),
    district: text("district"),
    constituency: text("constituency"),
    urbanRural: text("urban_rural"),
    easting: integer("easting"),
    northing: integer("northing"),
    ofstedRating: text("ofsted_rating"),
    ofstedDate: date("ofsted_date"),
    senProvision: text("sen_provision").array().notNull().default(sql`'{}'::text[]`),
    /** Hash of the register fields as last imported: equal hash = unchanged. */
    giasHash: text("gias_hash"),
    /** Where the record came from: "gias" import, "demo" data, or "manual" entry. */
    source: text("source").notNull().default("gias"),
    // The hub's own fields
    areaId: uuid("area_id").references(() => areas.id, { onDelete: "set null" }),
    /** "rule" (from district or postcode) or "hand" (set by a person; imports leave it alone). */
    areaSource: text("area_source", { enum: ["rule", "hand"] }),
    linkOfficerId: uuid("link_officer_id"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("schools_hub_urn").on(t.hubId, t.urn),
    // The list, its filters, sorts and search are served from memory (school-directory.ts), so
    // the table keeps only the indexes that writes and the areas and link officers pages use:
    // every other index made imports slower (decision 007).
    index("schools_hub_area").on(t.hubId, t.areaId),
    index("schools_hub_link_officer").on(t.hubId, t.linkOfficerId),
  ],
);

export const CONTACT_ROLES = ["headteacher", "music_lead", "slt", "governor"] as const;

/** People at a school: personal data, visible only to hub users and that school's own users. */
export const schoolContacts = pgTable(
  "school_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    role: text("role", { enum: CONTACT_ROLES }).notNull(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("school_contacts_school_role").on(t.schoolId, t.role),
    index("school_contacts_hub").on(t.hubId),
  ],
);

/** Who entered a figure and when, per field. */
export type FigureProvenance = Record<
  string,
  { by: string | null; byName: string | null; at: string; source: string }
>;

/** A school's music figures for one academic year ("2025/26"). */
export const schoolMusicData = pgTable(
  "school_music_data",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    academicYear: text("academic_year").notNull(),
    wcetPupils: integer("wcet_pupils"),
    wcetTerms: integer("wcet_terms"),
    continuingPupils: integer("continuing_pupils"),
    instrumentPupils: integer("instrument_pupils"),
    ensemblePupils: integer("ensemble_pupils"),
    singingPupils: integer("singing_pupils"),
    gcseEntries: integer("gcse_entries"),
    btecEntries: integer("btec_entries"),
    alevelEntries: integer("alevel_entries"),
    sendPupilsEngaged: integer("send_pupils_engaged"),
    fsmPupilsEngaged: integer("fsm_pupils_engaged"),
    curriculumMinutesKs1: integer("curriculum_minutes_ks1"),
    curriculumMinutesKs2: integer("curriculum_minutes_ks2"),
    curriculumMinutesKs3: integer("curriculum_minutes_ks3"),
    curriculumMinutesKs4: integer("curriculum_minutes_ks4"),
    sdpMusic: boolean("sdp_music"),
    provenance: jsonb("provenance").$type<FigureProvenance>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("school_music_data_school_year").on(t.schoolId, t.academicYear),
    index("school_music_data_hub_year").on(t.hubId, t.academicYear),
  ],
);
