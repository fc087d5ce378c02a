import type { ServiceContext } from "./context";

/**
 * One entry on a school's profile timeline (audits, visits, reports, ratings, Lead School
 * applications and visits, CPD attended, quality mark awards). Each capability exports its
 * sources from `<module>.timeline.ts` as `TimelineSource[]`; the schools module gathers them.
 */
export type TimelineEntry = {
  /** ISO date-time or YYYY-MM-DD; the timeline sorts newest first. */
  at: string;
  /** e.g. `visit`, `report`, `rag`, `audit`, `lead_school_visit`, `cpd`, `award`. */
  kind: string;
  title: string;
  detail?: string | null;
  /** A web path to open the item, when the viewer may see it. */
  href?: string | null;
};

export type TimelineSource = {
  kind: string;
  /** Entries for one school of the actor's hub that this actor may see (school users: only what is shared with them). */
  load: (ctx: ServiceContext, urn: string) => Promise<TimelineEntry[]>;
};
