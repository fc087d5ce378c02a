import { z } from "zod";
import { isAcademicYear } from "../rules/academic-year";
import { TERM_PATTERN } from "../rules/cpd-term";
import { FOCUS_AREAS } from "../rules/focus-areas";
import { PHASES } from "../rules/phase";
import { Email } from "./auth";
import { NAME_MAX } from "./common";

export const CPD_KINDS = ["conference", "network_meeting", "twilight", "course", "ensemble_leading"] as const;
export type CpdKind = (typeof CPD_KINDS)[number];
export const CPD_KIND_LABELS: Record<CpdKind, string> = {
  conference: "Conference",
  network_meeting: "Network meeting",
  twilight: "Twilight session",
  course: "Course",
  ensemble_leading: "Ensemble-leading training",
};
export const CPD_EVENT_STATUSES = ["draft", "published", "cancelled"] as const;
export const CPD_LEADERS = ["hub_staff", "lead_school", "partner"] as const;
export const CPD_LEADER_LABELS: Record<(typeof CPD_LEADERS)[number], string> = {
  hub_staff: "Hub staff",
  lead_school: "Lead School",
  partner: "Partner",
};
export const CPD_AUDIENCE_ROLES = [
  "music_lead",
  "class_teacher",
  "headteacher",
  "teaching_assistant",
] as const;
export const CPD_AUDIENCE_ROLE_LABELS: Record<(typeof CPD_AUDIENCE_ROLES)[number], string> = {
  music_lead: "Music leads",
  class_teacher: "Class teachers",
  headteacher: "Headteachers",
  teaching_assistant: "Teaching assistants",
};
export const CPD_BOOKING_STATUSES = ["booked", "waitlisted", "cancelled", "late_cancelled"] as const;
export type CpdBookingStatus = (typeof CPD_BOOKING_STATUSES)[number];
export const CPD_MARKS = ["attended", "absent", "late_cancellation"] as const;
export type CpdMark = (typeof CPD_MARKS)[number];

const Instant = z.iso.datetime({ offset: true, error: "Give a date and time, like 2026-03-14T16:00:00Z" });
const Pence = z
  .number({ error: "Give a price in pence" })
  .int("Give a price in whole pence")
  .min(0, "A price cannot be below zero")
  .max(1_000_000, "A price is at most £10,000");

export const CpdSessionInput = z
  .object({
    startsAt: Instant,
    endsAt: Instant,
    venue: z.string().trim().max(300, "Keep the venue under 300 characters").nullish(),
    onlineUrl: z.url("Give a full web address, like https://example.org").max(500).nullish(),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    path: ["endsAt"],
    message: "A session ends after it starts",
  });

export const CpdEventInput = z
  .object({
    title: z.string().trim().min(1, "Give the event a title").max(200, "Keep the title under 200 characters"),
    kind: z.enum(CPD_KINDS, { error: "Choose the kind of event" }),
    description: z.string().max(5000, "Keep the description under 5,000 characters").nullish(),
    phases: z.array(z.enum(PHASES)).max(PHASES.length).default([]),
    audienceRoles: z.array(z.enum(CPD_AUDIENCE_ROLES)).max(CPD_AUDIENCE_ROLES.length).default([]),
    focusAreas: z.array(z.enum(FOCUS_AREAS)).max(FOCUS_AREAS.length).default([]),
    capacity: z
      .number({ error: "Give the number of places" })
      .int("Give a whole number of places")
      .min(1, "An event has at least one place")
      .max(5000, "An event has at most 5,000 places"),
    pricePence: Pence,
    ledBy: z.enum(CPD_LEADERS).default("hub_staff"),
    leaderName: z.string().trim().max(NAME_MAX).nullish(),
    bookingOpensAt: Instant.nullish(),
    bookingClosesAt: Instant.nullish(),
    status: z.enum(["published", "draft"], { error: "Choose published or draft" }),
    sessions: z
      .array(CpdSessionInput)
      .min(1, "Add at least one session")
      .max(30, "An event has at most 30 sessions"),
  })
  .refine(
    (e) =>
      !e.bookingOpensAt || !e.bookingClosesAt || Date.parse(e.bookingClosesAt) > Date.parse(e.bookingOpensAt),
    { path: ["bookingClosesAt"], message: "Booking closes after it opens" },
  );
export type CpdEventInput = z.input<typeof CpdEventInput>;
export type CpdEventData = z.output<typeof CpdEventInput>;

export const CpdSession = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
});
export type CpdSession = z.infer<typeof CpdSession>;

export const CpdEvent = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  kind: z.enum(CPD_KINDS),
  description: z.string().nullable(),
  phases: z.array(z.string()),
  audienceRoles: z.array(z.string()),
  focusAreas: z.array(z.string()),
  capacity: z.number().int(),
  pricePence: z.number().int(),
  ledBy: z.enum(CPD_LEADERS),
  leaderName: z.string().nullable(),
  bookingOpensAt: z.string().nullable(),
  bookingClosesAt: z.string().nullable(),
  status: z.enum(CPD_EVENT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Places booked, never above `capacity`. */
  booked: z.number().int(),
  waitlisted: z.number().int(),
  remaining: z.number().int(),
  sessions: z.array(CpdSession),
});
export type CpdEvent = z.infer<typeof CpdEvent>;

export const CpdEventListQuery = z.object({
  from: z.string().optional(),
  ref: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const CpdAttendee = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the person's name")
    .max(NAME_MAX, "Keep the name under 200 characters"),
  email: Email,
});

const Urn = z.coerce
  .number({ error: "Give the school's URN" })
  .int("Give the school's URN")
  .positive("Give the school's URN");

export const CpdBookingInput = z.object({
  urn: Urn,
  attendees: z
    .array(CpdAttendee)
    .min(1, "Name at least one person")
    .max(50, "Book at most 50 places at once"),
  waitlist: z.boolean().optional(),
});
export type CpdBookingInput = z.infer<typeof CpdBookingInput>;

export const CpdQuoteInput = z.object({
  urn: Urn,
  places: z.number().int().min(1, "Book at least one place").max(50, "Book at most 50 places at once"),
});

export const CpdQuote = z.object({
  places: z.array(z.object({ pricePence: z.number().int(), free: z.boolean() })),
  totalPence: z.number().int(),
  freePlaces: z.number().int(),
  explanation: z.string(),
  leadSchool: z.boolean(),
  remaining: z.number().int(),
});
export type CpdQuote = z.infer<typeof CpdQuote>;

export const CpdPlace = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  pricePence: z.number().int(),
  free: z.boolean(),
});

/** What the booker gets back (the interface others rely on: id, status, places with name and price). */
export const CpdBookingCreated = z.object({
  id: z.uuid(),
  status: z.enum(CPD_BOOKING_STATUSES),
  places: z.array(
    z.object({ id: z.uuid(), name: z.string(), pricePence: z.number().int(), free: z.boolean() }),
  ),
  totalPence: z.number().int(),
});
export type CpdBookingCreated = z.infer<typeof CpdBookingCreated>;

export const CpdBooking = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventTitle: z.string(),
  eventStartsAt: z.string(),
  urn: z.number().int(),
  schoolName: z.string(),
  status: z.enum(CPD_BOOKING_STATUSES),
  createdAt: z.string(),
  places: z.array(CpdPlace),
  totalPence: z.number().int(),
});
export type CpdBooking = z.infer<typeof CpdBooking>;

export const CpdBookingList = z.object({ items: z.array(CpdBooking) });

export const CpdCancelled = z.object({
  id: z.uuid(),
  status: z.enum(CPD_BOOKING_STATUSES),
  /** Bookings moved from the waiting list into the freed places. */
  promoted: z.array(z.uuid()),
});

/** The hub cancels a whole event: every booking is told, with the reason if given. */
export const CpdCancelEventInput = z.object({
  reason: z.string().trim().max(1000, "Keep the reason under 1,000 characters").nullish(),
});
export const CpdEventCancelled = z.object({
  event: CpdEvent,
  /** Bookings (booked or waiting) cancelled with the event, each e-mailed. */
  bookingsCancelled: z.number().int(),
  /** Booked places freed. */
  placesFreed: z.number().int(),
});

// Attendance

export const CpdRegisterQuery = z.object({ sessionId: z.uuid().optional() });
export const CpdRegister = z.object({
  eventId: z.uuid(),
  title: z.string(),
  session: CpdSession,
  sessions: z.array(CpdSession),
  rows: z.array(
    z.object({
      placeId: z.uuid(),
      name: z.string(),
      schoolName: z.string(),
      bookingStatus: z.enum(CPD_BOOKING_STATUSES),
      mark: z.enum(CPD_MARKS).nullable(),
    }),
  ),
});
export type CpdRegister = z.infer<typeof CpdRegister>;

export const CpdMarksInput = z.object({
  marks: z
    .array(
      z.object({ placeId: z.uuid(), mark: z.enum(CPD_MARKS, { error: "Choose attended, absent or late" }) }),
    )
    .min(1, "Mark at least one person")
    .max(5000),
});

// Feedback

const Scale = (what: string) =>
  z
    .number({ error: `Choose ${what} from 1 to 5` })
    .int(`Choose ${what} from 1 to 5`)
    .min(1, `Choose ${what} from 1 to 5`)
    .max(5, `Choose ${what} from 1 to 5`);

export const CpdFeedbackInput = z.object({
  placeId: z.uuid("Choose who is giving feedback"),
  usefulness: Scale("how useful it was"),
  confidenceBefore: Scale("your confidence before"),
  confidenceAfter: Scale("your confidence after"),
  comments: z.string().max(5000, "Keep the comments under 5,000 characters").nullish(),
});

/** A person's answers through their own e-mailed link (the link names the place). */
export const CpdLinkFeedbackInput = CpdFeedbackInput.omit({ placeId: true });
export const CpdFeedbackTokenParams = z.object({
  token: z
    .string()
    .min(20, "That feedback link is not complete")
    .max(100, "That feedback link is not valid")
    .regex(/^[A-Za-z0-9_-]+$/, "That feedback link is not valid"),
});
export const CpdFeedbackLink = z.object({
  hubName: z.string(),
  eventTitle: z.string(),
  name: z.string(),
  startsAt: z.string(),
  /** Answered already (one answer per person). */
  given: z.boolean(),
});
export type CpdFeedbackLink = z.infer<typeof CpdFeedbackLink>;

export const CpdFeedbackSummary = z.object({
  eventId: z.uuid().nullable(),
  title: z.string(),
  responses: z.number().int(),
  attended: z.number().int(),
  usefulnessAverage: z.number().nullable(),
  confidenceBeforeAverage: z.number().nullable(),
  confidenceAfterAverage: z.number().nullable(),
  usefulnessCounts: z.array(z.number().int()),
  comments: z.array(z.string()),
});
export type CpdFeedbackSummary = z.infer<typeof CpdFeedbackSummary>;

export const YearQuery = z.object({
  year: z.string().refine(isAcademicYear, "Academic year must look like 2025/26").optional(),
});

export const CpdProgrammeFeedback = z.object({
  year: z.string(),
  overall: CpdFeedbackSummary,
  events: z.array(CpdFeedbackSummary),
});

// Claims

export const CpdClaimInput = z.object({
  eventId: z.uuid("Choose the event"),
  urn: Urn,
  days: z.number({ error: "Give the days of cover" }),
  dailyRatePence: z.number({ error: "Give the daily rate" }).int("Give the daily rate in whole pence"),
});
export const CpdClaimDecision = z
  .object({
    decision: z.enum(["approve", "reject"], { error: "Choose approve or reject" }),
    reason: z.string().trim().max(1000, "Keep the reason under 1,000 characters").nullish(),
  })
  .refine((d) => d.decision === "approve" || (d.reason ?? "").length > 0, {
    path: ["reason"],
    message: "Give the reason for rejecting the claim",
  });

export const CpdClaim = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventTitle: z.string(),
  urn: z.number().int(),
  schoolName: z.string(),
  days: z.number(),
  dailyRatePence: z.number().int(),
  totalPence: z.number().int(),
  contributionPercent: z.number().int(),
  contributionPence: z.number().int(),
  status: z.enum(["submitted", "approved", "rejected"]),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type CpdClaim = z.infer<typeof CpdClaim>;

export const CpdSettings = z.object({
  supplyContributionPercent: z
    .number()
    .int()
    .min(0, "The contribution is 0 to 100 percent")
    .max(100, "The contribution is 0 to 100 percent"),
  cancelCutoffDays: z
    .number()
    .int()
    .min(0, "The cut-off is 0 to 60 days")
    .max(60, "The cut-off is 0 to 60 days"),
});
export type CpdSettings = z.infer<typeof CpdSettings>;

// Invoices and reach

export const TermQuery = z.object({
  term: z.string().regex(TERM_PATTERN, "A term looks like 2025/26-autumn").optional(),
});

export const CpdInvoiceRow = z.object({
  urn: z.number().int(),
  schoolName: z.string(),
  term: z.string(),
  bookings: z.number().int(),
  chargedPlaces: z.number().int(),
  freePlaces: z.number().int(),
  lateCancelledPlaces: z.number().int(),
  totalPence: z.number().int(),
});
export const CpdInvoices = z.object({ term: z.string(), items: z.array(CpdInvoiceRow) });

export const CpdReach = z.object({
  year: z.string(),
  terms: z.array(
    z.object({
      term: z.string(),
      byArea: z.array(z.object({ area: z.string(), schools: z.number().int(), staff: z.number().int() })),
      byPhase: z.array(z.object({ phase: z.string(), schools: z.number().int(), staff: z.number().int() })),
    }),
  ),
  notEngaged: z.array(
    z.object({ urn: z.number().int(), name: z.string(), phase: z.string(), area: z.string().nullable() }),
  ),
  nationalReturn: z.object({
    sessions: z.number().int(),
    attendees: z.number().int(),
    schoolsReached: z.number().int(),
  }),
});
export type CpdReach = z.infer<typeof CpdReach>;

// Public catalogue (public fields only: no ids, no people)

export const PublicCpdQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, "A month looks like 2026-03")
    .optional(),
  kind: z.enum(CPD_KINDS).optional(),
  phase: z.enum(PHASES).optional(),
  focus: z.enum(FOCUS_AREAS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PublicCpdQuery = z.infer<typeof PublicCpdQuery>;

export const PublicCpdEvent = z.object({
  ref: z.string(),
  title: z.string(),
  kind: z.enum(CPD_KINDS),
  description: z.string().nullable(),
  phases: z.array(z.string()),
  focusAreas: z.array(z.string()),
  pricePence: z.number().int(),
  ledBy: z.enum(CPD_LEADERS),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  remaining: z.number().int(),
  bookingOpen: z.boolean(),
  sessions: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), venue: z.string().nullable() })),
  icsUrl: z.string(),
});
export type PublicCpdEvent = z.infer<typeof PublicCpdEvent>;

export const PublicCpdCatalogue = z.object({
  hub: z.object({ slug: z.string(), name: z.string() }),
  items: z.array(PublicCpdEvent),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  feedUrl: z.string(),
  termPdfUrl: z.string(),
});
export type PublicCpdCatalogue = z.infer<typeof PublicCpdCatalogue>;

export const PublicCpdRefParams = z.object({
  slug: z
    .string()
    .max(60)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "That is not a hub's address"),
  ref: z
    .string()
    .max(20)
    .regex(/^[a-z0-9]+$/, "That is not an event's reference"),
});
