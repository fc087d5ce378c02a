import { z } from "zod";

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
});
export type Hub = z.infer<typeof Hub>;

export const HubPatch = z.object({
  name: z.string().trim().min(1, "Enter the hub's name").max(200).optional(),
  laCodes: z.array(LaCode).max(200).optional(),
});
export type HubPatch = z.infer<typeof HubPatch>;

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["embedded", "external"]) });
/** `/api/health` while the database cannot be reached (503). */
export const HealthUnavailable = z.object({
  status: z.literal("unavailable"),
  database: z.literal("unavailable"),
});
