import { z } from "zod";

/**
 * What anyone may read about a hub, without signing in. Only the fields named here are ever
 * written (the response serialiser writes named properties only): no ids, no people.
 */
export const PublicPageLink = z.object({
  key: z.string(),
  title: z.string(),
  href: z.string(),
});
export type PublicPageLink = z.infer<typeof PublicPageLink>;

export const PublicHub = z.object({
  slug: z.string(),
  name: z.string(),
  areaServed: z.string().nullable(),
  /** The hub's public address, only when the hub has given one. */
  contactEmail: z.string().nullable(),
  colour: z.string(),
  pages: z.array(PublicPageLink),
});
export type PublicHub = z.infer<typeof PublicHub>;

export const PublicHubParams = z.object({
  slug: z
    .string()
    .max(60)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "That is not a hub's address"),
});
