import { z } from "zod";
import { HEX_COLOUR } from "../rules/colour";

export const Slug = z
  .string()
  .trim()
  .min(2, "Slug must be at least 2 characters")
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Slug may hold lower-case letters, digits and single hyphens");

export const LaCode = z.string().regex(/^\d{3}$/, "An LA code is 3 digits, e.g. 207");

export const Hub = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  laCodes: z.array(z.string()),
  areas: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The header colour of the hub's documents and public pages. */
  brandColour: z.string(),
  /** Public: shown on the hub's public page. */
  areaServed: z.string().nullable(),
  /** Public: shown on the hub's public page; null shows none. */
  publicEmail: z.string().nullable(),
});
export type Hub = z.infer<typeof Hub>;

export const HubPatch = z.object({
  name: z.string().trim().min(1, "Enter the hub's name").max(200).optional(),
  laCodes: z.array(LaCode).max(200).optional(),
  brandColour: z.string().regex(HEX_COLOUR, "A colour looks like #1f4e79").optional(),
  areaServed: z.string().trim().max(300, "At most 300 characters").nullable().optional(),
  publicEmail: z
    .union([z.literal(""), z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address"))])
    .nullable()
    .optional(),
});
export type HubPatch = z.infer<typeof HubPatch>;

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["embedded", "external"]) });
/** `/api/health` while the database cannot be reached (503). */
export const HealthUnavailable = z.object({
  status: z.literal("unavailable"),
  database: z.literal("unavailable"),
});
