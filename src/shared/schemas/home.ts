import { z } from "zod";
import { ReadableAuditEntry } from "./audit";
import { Phase, SchoolStatus } from "./schools";

/**
 * The home page: a list of cards chosen by the actor's role (decision 020). Each card kind has
 * its own shape here; a capability adds a card by adding its shape to `HomeCard`, a provider to
 * the server's card registry (modules/home/home-cards.ts) and a component to the web's
 * (features/home/home-card-registry.tsx). Every figure carries the web path of the list it counts.
 */

const Figure = z.object({ label: z.string(), count: z.number().int(), href: z.string() });
export type Figure = z.infer<typeof Figure>;

export const HubFiguresCard = z.object({
  kind: z.literal("hub-figures"),
  academicYear: z.string(),
  openSchools: Figure,
  byPhase: z.array(Figure.extend({ phase: Phase })),
  byStatus: z.array(Figure.extend({ status: SchoolStatus })),
  noLinkOfficer: Figure,
  missingMusicData: Figure,
});

export const GiasChangesCard = z.object({
  kind: z.literal("gias-changes"),
  lastImportAt: z.string().nullable(),
  fileName: z.string().nullable(),
  opened: z.number().int(),
  closed: z.number().int(),
  renamed: z.number().int(),
  /** The audit log of that import (hub admins), or the imports page. */
  href: z.string(),
});

export const MySchoolsCard = z.object({
  kind: z.literal("my-schools"),
  total: z.number().int(),
  href: z.string(),
  schools: z.array(z.object({ urn: z.number().int(), name: z.string(), href: z.string() })),
});

export const RecentActivityCard = z.object({
  kind: z.literal("recent-activity"),
  entries: z.array(ReadableAuditEntry),
  /** The whole audit log, for hub admins. */
  href: z.string().nullable(),
});

const Person = z.object({ name: z.string(), email: z.string() });

export const OurSchoolCard = z.object({
  kind: z.literal("our-school"),
  school: z
    .object({
      urn: z.number().int(),
      name: z.string(),
      phase: Phase,
      status: SchoolStatus,
      town: z.string().nullable(),
      pupils: z.number().int().nullable(),
      href: z.string(),
    })
    .nullable(),
  linkOfficer: Person.nullable(),
  hubName: z.string(),
  asks: z.array(z.object({ label: z.string(), href: z.string(), due: z.string().nullable() })),
});

export const PartnerCard = z.object({
  kind: z.literal("partner"),
  organisation: z.string().nullable(),
  hubName: z.string(),
  hubContact: Person.nullable(),
  canDo: z.array(z.object({ label: z.string(), href: z.string() })),
});

/** Hub users: submitted audits of schools whose visit is still to come; school users: audits to complete. */
export const AuditsWaitingCard = z.object({
  kind: z.literal("audits-waiting"),
  audience: z.enum(["hub", "school"]),
  total: z.number().int(),
  items: z.array(z.object({ label: z.string(), detail: z.string(), href: z.string() })),
  href: z.string(),
});

/** Engagement: the hub's visits of this week (Monday to Sunday, London). */
export const VisitsThisWeekCard = z.object({
  kind: z.literal("visits-this-week"),
  from: z.string(),
  to: z.string(),
  visits: z.array(
    z.object({
      date: z.string(),
      time: z.string().nullable(),
      schoolName: z.string(),
      purpose: z.string(),
      href: z.string(),
    }),
  ),
  href: z.string(),
});

/** Engagement: open next steps past their due date (the link officer's schools, or the hub's). */
export const OverdueNextStepsCard = z.object({
  kind: z.literal("overdue-next-steps"),
  mine: z.boolean(),
  total: z.number().int(),
  steps: z.array(z.object({ text: z.string(), schoolName: z.string(), due: z.string(), href: z.string() })),
  href: z.string(),
});

/**
 * CPD: hub users see the next published events with their places (admins also the supply-cover
 * claims waiting for a decision); a school user sees its school's coming bookings.
 */
export const CpdCard = z.object({
  kind: z.literal("cpd"),
  audience: z.enum(["hub", "school"]),
  upcoming: z.array(
    z.object({ title: z.string(), startsAt: z.string(), detail: z.string(), href: z.string() }),
  ),
  /** How many there are in all (the list shows the first few). */
  upcomingTotal: z.number().int(),
  claimsWaiting: Figure.nullable(),
  href: z.string(),
  catalogueHref: z.string(),
});

export const HomeCard = z.discriminatedUnion("kind", [
  HubFiguresCard,
  GiasChangesCard,
  MySchoolsCard,
  RecentActivityCard,
  OurSchoolCard,
  PartnerCard,
  AuditsWaitingCard,
  VisitsThisWeekCard,
  OverdueNextStepsCard,
  CpdCard,
]);
export type HomeCard = z.infer<typeof HomeCard>;
export type HomeCardKind = HomeCard["kind"];

export const HomeResponse = z.object({ cards: z.array(HomeCard) });
export type HomeResponse = z.infer<typeof HomeResponse>;
