import { z } from "zod";
import { AcademicYear } from "../rules/academic-year";
import { PHASES } from "../rules/phase";
import { RAG_RATINGS } from "../rules/rag-suggestion";
import { PageQuery, paged } from "./common";

export const Phase = z.enum(PHASES);
export const SCHOOL_STATUSES = ["open", "closed", "proposed"] as const;
export const SchoolStatus = z.enum(SCHOOL_STATUSES);
export type SchoolStatus = z.infer<typeof SchoolStatus>;
export const SCHOOL_STATUS_LABELS: Record<SchoolStatus, string> = {
  open: "Open",
  closed: "Closed",
  proposed: "Proposed to open",
};

export const Urn = z.coerce.number().int().min(100000, "A URN is 6 digits").max(999999, "A URN is 6 digits");
export const UrnParams = z.object({ urn: Urn });

/** "none" filters schools with no area / no link officer. */
const IdOrNone = z.union([z.uuid(), z.literal("none")]);

export const SCHOOL_SORTS = [
  "name",
  "urn",
  "phase",
  "pupils",
  "percentFsm",
  "town",
  "area",
  "status",
  "laCode",
] as const;

export const SchoolListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  phase: Phase.optional(),
  type: z.string().trim().max(200).optional(),
  area: IdOrNone.optional(),
  la: z.string().trim().max(10).optional(),
  trust: z.string().trim().max(200).optional(),
  linkOfficer: IdOrNone.optional(),
  status: SchoolStatus.optional(),
  tag: z.string().trim().max(100).optional(),
  /** Schools with no music data for this academic year ("2026/27"). */
  missingMusicData: AcademicYear.optional(),
  /** Current RAG rating, or "unrated" (hub users only: ignored for school users). */
  rag: z.enum([...RAG_RATINGS, "unrated"], { error: "Filter by red, amber, green or unrated" }).optional(),
  /** Schools rated red: those in need of targeted support. */
  targetedSupport: z
    .enum(["true", "false"], { error: "targetedSupport is true or false" })
    .transform((v) => v === "true")
    .optional(),
  sort: z.enum(SCHOOL_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type SchoolListQuery = z.infer<typeof SchoolListQuery>;

/** The list's filters without paging: for exports, the map and bulk actions. */
export const SchoolFilter = SchoolListQuery.omit({ page: true, pageSize: true });
export type SchoolFilter = z.infer<typeof SchoolFilter>;

export const SchoolListItem = z.object({
  id: z.uuid(),
  urn: z.number().int(),
  name: z.string(),
  phase: Phase,
  typeName: z.string().nullable(),
  status: SchoolStatus,
  laCode: z.string(),
  laName: z.string().nullable(),
  town: z.string().nullable(),
  postcode: z.string().nullable(),
  pupils: z.number().int().nullable(),
  percentFsm: z.number().nullable(),
  trust: z.string().nullable(),
  areaId: z.uuid().nullable(),
  areaName: z.string().nullable(),
  linkOfficerId: z.uuid().nullable(),
  linkOfficerName: z.string().nullable(),
  easting: z.number().int().nullable(),
  northing: z.number().int().nullable(),
  tags: z.array(z.string()),
});
export type SchoolListItem = z.infer<typeof SchoolListItem>;
export const SchoolListResponse = paged(SchoolListItem);
export type SchoolListResponse = z.infer<typeof SchoolListResponse>;

/** Points for the map: every school matching the filter (no paging), with one figure to colour by. */
export const SchoolMapQuery = SchoolFilter.extend({
  colour: z
    .enum(["phase", "area", "percentFsm", "pupils", "wcetPupils", "singingPupils", "instrumentPupils"])
    .default("phase"),
  year: AcademicYear.optional(),
});
export type SchoolMapQuery = z.infer<typeof SchoolMapQuery>;
export const SchoolMapPoint = z.object({
  urn: z.number().int(),
  name: z.string(),
  phase: Phase,
  areaName: z.string().nullable(),
  easting: z.number().int(),
  northing: z.number().int(),
  value: z.number().nullable(),
});
export const SchoolMapResponse = z.object({
  points: z.array(SchoolMapPoint),
  /** Schools that matched but have no easting/northing. */
  unplotted: z.number().int(),
});
export type SchoolMapResponse = z.infer<typeof SchoolMapResponse>;

export const CONTACT_ROLES = ["headteacher", "music_lead", "slt", "governor"] as const;
export const ContactRole = z.enum(CONTACT_ROLES);
export type ContactRole = z.infer<typeof ContactRole>;
export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  headteacher: "Headteacher",
  music_lead: "Music lead",
  slt: "SLT member for music",
  governor: "Governor for music",
};
export const ContactInput = z.object({
  name: z.string().trim().min(1, "Enter the contact's name").max(200),
  email: z
    .union([z.literal(""), z.email("Enter a valid e-mail address")])
    .nullable()
    .optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9 +()-]*$/, "A phone number holds digits, spaces, + ( ) and -")
    .nullable()
    .optional(),
});
export type ContactInput = z.infer<typeof ContactInput>;
export const Contact = z.object({
  role: ContactRole,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

/** The music figures a hub collects per school and academic year. */
export const MUSIC_FIGURES = [
  { key: "wcetPupils", label: "Pupils in WCET / First Access", max: "pupils" },
  { key: "wcetTerms", label: "Terms of WCET", max: 12 },
  { key: "continuingPupils", label: "Pupils continuing after WCET", max: "pupils" },
  { key: "instrumentPupils", label: "Pupils learning an instrument", max: "pupils" },
  { key: "ensemblePupils", label: "Pupils in ensembles", max: "pupils" },
  { key: "singingPupils", label: "Pupils singing regularly", max: "pupils" },
  { key: "gcseEntries", label: "GCSE music entries", max: "pupils" },
  { key: "btecEntries", label: "BTEC music entries", max: "pupils" },
  { key: "alevelEntries", label: "A-level music entries", max: "pupils" },
  { key: "sendPupilsEngaged", label: "SEND pupils engaged", max: "pupils" },
  { key: "fsmPupilsEngaged", label: "FSM pupils engaged", max: "pupils" },
  { key: "curriculumMinutesKs1", label: "Curriculum music minutes a week, KS1", max: 600 },
  { key: "curriculumMinutesKs2", label: "Curriculum music minutes a week, KS2", max: 600 },
  { key: "curriculumMinutesKs3", label: "Curriculum music minutes a week, KS3", max: 600 },
  { key: "curriculumMinutesKs4", label: "Curriculum music minutes a week, KS4", max: 600 },
] as const;
export type MusicFigureKey = (typeof MUSIC_FIGURES)[number]["key"];

const count = z
  .number()
  .int("Must be a whole number")
  .min(0, "Cannot be negative")
  .max(100_000)
  .nullable()
  .optional();
export const MusicFigures = z.object({
  wcetPupils: count,
  wcetTerms: count,
  continuingPupils: count,
  instrumentPupils: count,
  ensemblePupils: count,
  singingPupils: count,
  gcseEntries: count,
  btecEntries: count,
  alevelEntries: count,
  sendPupilsEngaged: count,
  fsmPupilsEngaged: count,
  curriculumMinutesKs1: count,
  curriculumMinutesKs2: count,
  curriculumMinutesKs3: count,
  curriculumMinutesKs4: count,
  sdpMusic: z.boolean().nullable().optional(),
});
export type MusicFigures = z.infer<typeof MusicFigures>;

export const FigureProvenance = z.object({
  by: z.string().nullable(),
  byName: z.string().nullable(),
  at: z.string(),
  source: z.string(),
});
export const MusicYear = MusicFigures.extend({
  academicYear: z.string(),
  provenance: z.record(z.string(), FigureProvenance),
  updatedAt: z.string(),
});
export type MusicYear = z.infer<typeof MusicYear>;
/** Academic years go in URLs with a hyphen: 2025-26. */
export const YearParams = z.object({
  urn: Urn,
  year: z
    .string()
    .regex(/^\d{4}-\d{2}$/, "Academic year must look like 2025-26")
    .transform((y) => y.replace("-", "/"))
    .pipe(AcademicYear),
});

export const TimelineItem = z.object({
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
});

export const School = SchoolListItem.extend({
  laestab: z.string().nullable(),
  establishmentNumber: z.string().nullable(),
  typeGroup: z.string().nullable(),
  giasStatus: z.string().nullable(),
  openDate: z.string().nullable(),
  closeDate: z.string().nullable(),
  statutoryLowAge: z.number().int().nullable(),
  statutoryHighAge: z.number().int().nullable(),
  sixthForm: z.string().nullable(),
  street: z.string().nullable(),
  locality: z.string().nullable(),
  address3: z.string().nullable(),
  county: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  headTitle: z.string().nullable(),
  headFirstName: z.string().nullable(),
  headLastName: z.string().nullable(),
  headJobTitle: z.string().nullable(),
  district: z.string().nullable(),
  constituency: z.string().nullable(),
  urbanRural: z.string().nullable(),
  ofstedRating: z.string().nullable(),
  ofstedDate: z.string().nullable(),
  senProvision: z.array(z.string()),
  areaSource: z.enum(["rule", "hand"]).nullable(),
  source: z.string(),
  /** Personal data: hub users and the school's own users only (null for anyone else). */
  contacts: z.array(Contact).nullable(),
  musicData: z.array(MusicYear),
  timeline: z.array(TimelineItem),
  /** What the viewer may change here. */
  can: z.object({ edit: z.boolean(), editContacts: z.boolean(), editMusicData: z.boolean() }),
  updatedAt: z.string(),
});
export type School = z.infer<typeof School>;

export const SchoolPatch = z
  .object({
    /** Set by hand; null clears it. */
    areaId: z.uuid().nullable().optional(),
    /** True: let the area rules decide again. */
    areaByRule: z.literal(true).optional(),
    linkOfficerId: z.uuid().nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");
export type SchoolPatch = z.infer<typeof SchoolPatch>;

// Areas
export const AreaInput = z.object({
  name: z.string().trim().min(1, "Enter the area's name").max(100),
  districts: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  postcodePrefixes: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{1,2}\d[A-Z\d]?$/, "A postcode district looks like NS1 or LE11"),
    )
    .max(200)
    .default([]),
});
export type AreaInput = z.infer<typeof AreaInput>;
/** Only what is sent changes: unlike AreaInput, no defaults (a rename must not clear the rules). */
export const AreaPatch = z.object({
  name: AreaInput.shape.name.optional(),
  districts: AreaInput.shape.districts.removeDefault().optional(),
  postcodePrefixes: AreaInput.shape.postcodePrefixes.removeDefault().optional(),
});
export const Area = z.object({
  id: z.uuid(),
  name: z.string(),
  districts: z.array(z.string()),
  postcodePrefixes: z.array(z.string()),
  schoolCount: z.number().int(),
});
export type Area = z.infer<typeof Area>;

/** Bulk actions take either a list of URNs or the list's filter. */
export const BulkSelection = z
  .object({
    urns: z.array(z.number().int()).max(50_000).optional(),
    filter: SchoolFilter.partial().optional(),
  })
  .refine((v) => v.urns !== undefined || v.filter !== undefined, "Choose schools by URN or by filter");
export const AssignAreaRequest = BulkSelection.and(z.object({ areaId: z.uuid().nullable() }));
export const AssignLinkOfficerRequest = BulkSelection.and(z.object({ userId: z.uuid().nullable() }));
export const BulkResult = z.object({ changed: z.number().int(), unchanged: z.number().int() });

export const LinkOfficer = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["hub_admin", "hub_staff"]),
  schoolCount: z.number().int(),
});
export type LinkOfficer = z.infer<typeof LinkOfficer>;

// Imports
export const IMPORT_SOURCES = ["gias", "music-data"] as const;
export const ImportSource = z.enum(IMPORT_SOURCES);
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;
export const ImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  closed: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(ImportRowError),
});
export type ImportSummary = z.infer<typeof ImportSummary>;
export const ImportJob = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  fileName: z.string().nullable(),
  totalBytes: z.number().nullable(),
  processedBytes: z.number(),
  rowsRead: z.number().int(),
  result: ImportSummary.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
/** The LAs found in a file, offered when the hub has not chosen its coverage yet. */
export const LaOption = z.object({
  code: z.string(),
  name: z.string().nullable(),
  schools: z.number().int(),
});

export const ExportQuery = SchoolFilter.extend({ format: z.enum(["csv", "xlsx"]).default("csv") });
