import { z } from "zod";
import { phaseDatesInOrder } from "../rules/engagement-phases";
import { Email } from "./auth";
import { NAME_MAX, PageQuery } from "./common";
import { ResponseStatus, Section } from "./questionnaires";

// The programme's phases, schools' expressions of interest, and pre-visit audits (decision 024).

const IsoDate = z
  .string({ error: "Give a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-03-14")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist",
  );
const Urn = z.coerce
  .number({ error: "Give the school's URN (a number)" })
  .int("Give the school's URN (a number)")
  .positive("Give the school's URN (a number)")
  .max(99_999_999, "A URN has at most 8 digits");
const PhaseName = z
  .string({ error: "Give the phase a name" })
  .trim()
  .min(1, "Give the phase a name")
  .max(200, "Keep the name under 200 characters");
const DATE_ORDER = { message: "The phase must end on or after the day it starts", path: ["endsOn"] };

export const PhaseInput = z
  .object({ name: PhaseName, startsOn: IsoDate, endsOn: IsoDate })
  .refine((p) => phaseDatesInOrder(p.startsOn, p.endsOn), DATE_ORDER);
export type PhaseInput = z.infer<typeof PhaseInput>;

export const PhasePatch = z.object({
  name: PhaseName.optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
});
export type PhasePatch = z.infer<typeof PhasePatch>;

export const PhaseSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(["upcoming", "current", "past"]),
  schools: z.number().int(),
});
export type PhaseSummary = z.infer<typeof PhaseSummary>;

export const PhaseSchool = z.object({
  urn: z.number().int(),
  name: z.string(),
  status: z.string(),
  joinedVia: z.enum(["invitation", "interest"]),
  addedAt: z.string(),
  /** The school's latest audit: none, a draft, or submitted. */
  audit: z.enum(["none", "draft", "submitted"]),
});
export type PhaseSchool = z.infer<typeof PhaseSchool>;

export const Phase = PhaseSummary.extend({ schoolList: z.array(PhaseSchool) });
export type Phase = z.infer<typeof Phase>;

export const AddPhaseSchools = z.object({
  urns: z.array(Urn).min(1, "Give at least one URN").max(500, "Add at most 500 schools at a time"),
});
export const PhaseSchoolParams = z.object({ id: z.uuid(), urn: Urn });

// Expressions of interest

export const INTEREST_KINDS = ["be_visited", "support_others"] as const;
export const InterestKind = z.enum(INTEREST_KINDS, { error: "Choose what the school is interested in" });
export const INTEREST_STATUSES = ["pending", "accepted", "declined"] as const;
export const InterestStatus = z.enum(INTEREST_STATUSES, { error: "Choose a status" });

const ContactName = z
  .string({ error: "Give the contact's name" })
  .trim()
  .min(1, "Give the contact's name")
  .max(NAME_MAX, "Keep the name under 200 characters");
const Message = z.string().trim().max(2000, "Keep the message under 2,000 characters");

/** A signed-in school user: the contact defaults to them. */
export const InterestInput = z.object({
  kind: InterestKind,
  contactName: ContactName.optional(),
  contactEmail: Email.optional(),
  message: Message.optional(),
});
export type InterestInput = z.infer<typeof InterestInput>;

/** The public form: the hub's short name, the school's URN and a contact. */
export const PublicInterestInput = z.object({
  hub: z
    .string({ error: "The form does not name a hub" })
    .regex(/^[a-z0-9-]{1,80}$/, "The form does not name a hub"),
  urn: Urn,
  kind: InterestKind,
  contactName: ContactName,
  contactEmail: Email,
  message: Message.optional(),
});
export type PublicInterestInput = z.infer<typeof PublicInterestInput>;

export const Interest = z.object({
  id: z.uuid(),
  urn: z.number().int(),
  schoolName: z.string(),
  kind: InterestKind,
  status: InterestStatus,
  source: z.enum(["school_user", "public_form"]),
  contactName: z.string(),
  contactEmail: z.string(),
  message: z.string().nullable(),
  phase: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Interest = z.infer<typeof Interest>;

export const InterestListQuery = PageQuery.extend({
  status: InterestStatus.optional(),
  kind: InterestKind.optional(),
});
export type InterestListQuery = z.infer<typeof InterestListQuery>;

export const AcceptInterest = z.object({ phaseId: z.uuid("Choose a phase").nullish() });
export const DeclineInterest = z.object({
  reason: z
    .string({ error: "Give a reason" })
    .trim()
    .min(1, "Give a reason")
    .max(1000, "Keep the reason under 1,000 characters"),
});

export const PublicInterestResult = z.object({ received: z.literal(true), kind: InterestKind });

// Pre-visit audits

export const SchoolAudit = z.object({
  templateId: z.uuid(),
  title: z.string(),
  /** The school's response, or null when not started. */
  responseId: z.uuid().nullable(),
  status: z.enum(["not_started", ...ResponseStatus.options]),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type SchoolAudit = z.infer<typeof SchoolAudit>;

export const SchoolAudits = z.object({
  urn: z.number().int(),
  schoolName: z.string(),
  audits: z.array(SchoolAudit),
});
export type SchoolAudits = z.infer<typeof SchoolAudits>;

/** A school by its URN (or its id, as the school pages do). */
export const UrnParams = z.object({ urn: z.union([z.uuid(), Urn]) });

/** What a visit's report judges: the sections of the audit the school submitted (or the hub's audit). */
export const VisitAudit = z.object({
  visitId: z.uuid(),
  urn: z.number().int(),
  /** The school's latest submitted audit, or null. */
  audit: z
    .object({
      responseId: z.uuid(),
      title: z.string(),
      version: z.number().int(),
      submittedAt: z.string().nullable(),
    })
    .nullable(),
  /** Section titles a report's judgements refer to (`judgements[].section`). */
  sections: z.array(Section.pick({ id: true, title: true })),
});
export type VisitAudit = z.infer<typeof VisitAudit>;

export const AuditTemplateResult = z.object({
  templateId: z.uuid(),
  title: z.string(),
  version: z.number().int(),
  created: z.boolean(),
});
export type AuditTemplateResult = z.infer<typeof AuditTemplateResult>;
