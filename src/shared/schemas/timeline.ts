import { z } from "zod";

/** One entry of a school's profile timeline, gathered from every capability's sources. */
export const SchoolTimelineEntry = z.object({
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  href: z.string().nullable(),
});
export type SchoolTimelineEntry = z.infer<typeof SchoolTimelineEntry>;

export const SchoolTimelineQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** Only entries of this kind (e.g. `visit`, `report`, `rag`). */
  kind: z.string().max(50).optional(),
});
export type SchoolTimelineQuery = z.infer<typeof SchoolTimelineQuery>;

export const SchoolTimeline = z.object({
  items: z.array(SchoolTimelineEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The kinds the viewer may see entries of (for a filter). */
  kinds: z.array(z.string()),
});
export type SchoolTimeline = z.infer<typeof SchoolTimeline>;
