import { z } from "zod";

/** A person's secret calendar feed: shown once, to its own user, when minted. */
export const CalendarFeedToken = z.object({
  /** Subscribe to this in a calendar program; anyone holding it can read the feed. */
  url: z.string(),
  createdAt: z.string(),
});
export type CalendarFeedToken = z.infer<typeof CalendarFeedToken>;

export const FeedTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "That is not a calendar feed address"),
});
