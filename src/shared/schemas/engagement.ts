import { z } from "zod";
import { isAcademicYear } from "../rules/academic-year";

export const VISIT_PURPOSES = [
  "first_conversation",
  "follow_up",
  "targeted_support",
  "lead_school",
  "quality_mark",
] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const JUDGEMENTS = ["strength", "developing", "priority"] as const;

const IsoDate = z
  .string({ error: "Give a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-03-14")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist",
  );
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times look like 09:30");
const Reason = z
  .string({ error: "Give a reason" })
  .trim()
  .min(1, "Give a reason")
  .max(1000, "Keep the reason under 1,000 characters");

export const VisitInput = z.object({
  urn: z.coerce
    .number({ error: "Give the school's URN" })
    .int("Give the school's URN")
    .positive("Give the school's URN"),
  date: IsoDate,
  purpose: z.enum(VISIT_PURPOSES, { error: "Choose the purpose of the visit" }),
  time: Time.nullish(),
  durationMinutes: z
    .number()
    .int()
    .min(15, "A visit lasts at least 15 minutes")
    .max(600, "A visit lasts at most 10 hours")
    .optional(),
  attendeeIds: z
    .array(z.uuid("Choose hub members who attend"))
    .max(20, "At most 20 people attend")
    .optional(),
  notes: z.string().max(5000, "Keep the notes under 5,000 characters").nullish(),
  /** The visit already happened and is being recorded: a past date is then allowed. */
  recorded: z.boolean().optional(),
});
export type VisitInput = z.infer<typeof VisitInput>;

export const RescheduleInput = z.object({ date: IsoDate, time: Time.nullish(), reason: Reason });
export const CancelInput = z.object({ reason: Reason });

export const Visit = z.object({
  id: z.uuid(),
  urn: z.number(),
  schoolName: z.string(),
  date: z.string(),
  time: z.string().nullable(),
  durationMinutes: z.number(),
  purpose: z.enum(VISIT_PURPOSES),
  status: z.enum(["scheduled", "cancelled"]),
  recorded: z.boolean(),
  attendees: z.array(z.object({ id: z.uuid(), name: z.string() })),
  notes: z.string().nullable(),
  sequence: z.number(),
  changeReason: z.string().nullable(),
  reportStatus: z.enum(["none", "draft", "approved"]),
});
export type Visit = z.infer<typeof Visit>;

export const VisitListQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  purpose: z.enum(VISIT_PURPOSES).optional(),
  status: z.enum(["scheduled", "cancelled"]).optional(),
  /** The schools of one link officer (a user id). */
  linkOfficer: z.uuid("Choose a link officer").optional(),
  /** "true": only schools currently rated red (targeted support). */
  targetedSupport: z.enum(["true", "false"]).optional(),
  urn: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const NextStepInput = z.object({
  text: z
    .string({ error: "Say what the next step is" })
    .trim()
    .min(1, "Say what the next step is")
    .max(2000, "Keep a next step under 2,000 characters"),
  owner: z.enum(["school", "hub"], { error: "A next step is owned by the school or the hub" }),
  due: IsoDate.nullable(),
  status: z.enum(["open", "done", "dropped"]).optional(),
});

export const JudgementInput = z.object({
  section: z.string().trim().min(1, "Name the audit section").max(200, "Keep the section name short"),
  judgement: z.enum(JUDGEMENTS, { error: "A judgement is strength, developing or priority" }),
  seen: z.string().max(5000, "Keep what was seen under 5,000 characters").nullable().optional(),
});

export const ReportInput = z.object({
  summary: z
    .string({ error: "Write a summary for the school" })
    .max(20000, "Keep the summary under 20,000 characters"),
  seen: z.string().max(20000, "Keep what was seen under 20,000 characters").nullish(),
  judgements: z.array(JudgementInput).max(30, "At most 30 sections").optional(),
  nextSteps: z.array(NextStepInput).max(50, "At most 50 next steps"),
  /** The version this edit was based on: 0 for a new report. */
  version: z.number({ error: "Send the version of the report you edited" }).int().min(0),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const NextStep = z.object({
  id: z.uuid(),
  text: z.string(),
  owner: z.enum(["school", "hub"]),
  due: z.string().nullable(),
  status: z.enum(["open", "done", "dropped"]),
});

export const Report = z.object({
  visitId: z.uuid(),
  status: z.enum(["draft", "approved"]),
  summary: z.string(),
  seen: z.string().nullable(),
  judgements: z.array(
    z.object({ section: z.string(), judgement: z.enum(JUDGEMENTS), seen: z.string().nullable() }),
  ),
  nextSteps: z.array(NextStep),
  version: z.number(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

export const FollowUp = z.object({
  id: z.uuid(),
  visitId: z.uuid(),
  urn: z.number(),
  schoolName: z.string(),
  text: z.string(),
  owner: z.enum(["school", "hub"]),
  due: z.string().nullable(),
  overdue: z.boolean(),
});
export const FollowUpQuery = z.object({ mine: z.enum(["true", "false"]).optional() });

const YEAR_TEXT = "The academic year looks like 2025/26";
export const CoverageQuery = z.object({
  year: z.string({ error: YEAR_TEXT }).refine(isAcademicYear, YEAR_TEXT),
});

export const Coverage = z.object({
  year: z.string(),
  schools: z.number(),
  visited: z.number(),
  share: z.number(),
  byArea: z.array(z.object({ area: z.string(), schools: z.number(), visited: z.number() })),
  byPhase: z.array(z.object({ phase: z.string(), schools: z.number(), visited: z.number() })),
  neverVisited: z.array(z.object({ urn: z.number(), name: z.string() })),
  /** Per link officer (null id: schools with none), visited in the year. */
  byLinkOfficer: z.array(
    z.object({
      linkOfficerId: z.string().nullable(),
      name: z.string(),
      schools: z.number(),
      visited: z.number(),
    }),
  ),
  /** Schools visited in this year or the one before (the two-year target). */
  twoYearVisited: z.number(),
  twoYearShare: z.number(),
  targets: z.object({ yearPercent: z.number(), twoYearPercent: z.number() }),
  /** How many open schools have open next steps past their due date. */
  overdueSchools: z.number(),
  /** The first 200 of them, most overdue first. */
  overdueFollowUps: z.array(z.object({ urn: z.number(), name: z.string(), overdue: z.number() })),
});
export type Coverage = z.infer<typeof Coverage>;

export const ReportSummary = z.object({
  visitId: z.uuid(),
  date: z.string(),
  purpose: z.enum(VISIT_PURPOSES),
  urn: z.number(),
  schoolName: z.string(),
  status: z.enum(["draft", "approved"]),
  approvedAt: z.string().nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

const Percent = z
  .number({ error: "Give a percentage from 0 to 100" })
  .int("Give a whole percentage")
  .min(0, "Give a percentage from 0 to 100")
  .max(100, "Give a percentage from 0 to 100");
/** The hub's coverage targets: share of open schools visited in a year, and over two years. */
export const CoverageTargets = z.object({ yearPercent: Percent, twoYearPercent: Percent });
export type CoverageTargets = z.infer<typeof CoverageTargets>;
export const CoverageTargetsResponse = CoverageTargets.extend({ updatedAt: z.string().nullable() });

export const MySchoolsQuery = z.object({
  /** Another link officer's schools (hub users); default: the signed-in user's. */
  linkOfficer: z.uuid("Choose a link officer").optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type MySchoolsQuery = z.infer<typeof MySchoolsQuery>;
export const MySchool = z.object({
  urn: z.number(),
  name: z.string(),
  rating: z.enum(["red", "amber", "green"]).nullable(),
  lastVisit: z.string().nullable(),
  nextVisit: z.object({ id: z.uuid(), date: z.string(), purpose: z.enum(VISIT_PURPOSES) }).nullable(),
  openSteps: z.number(),
  overdueSteps: z.number(),
});
export type MySchool = z.infer<typeof MySchool>;
export const MySchoolsResponse = z.object({
  items: z.array(MySchool),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type MySchoolsResponse = z.infer<typeof MySchoolsResponse>;
