import { z } from "zod";
import { Email, Role } from "./auth";

/** A member of a round's panel, as the hub admin sees it while choosing the panel. */
export const PanelMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: Role,
  schoolName: z.string().nullable(),
});
export type PanelMember = z.infer<typeof PanelMember>;

/**
 * `POST /api/lead-school-rounds/:id/invitations`: the hub invites a school to apply. The link goes
 * by e-mail only: the reply never carries it.
 */
export const RoundInvitationInput = z.object({
  urn: z.coerce
    .number({ error: "Give the school's URN" })
    .int("Give the school's URN")
    .positive("Give the school's URN"),
  email: Email,
  name: z.string().trim().min(1, "Enter the person's name").max(200, "Keep the name under 200 characters"),
});
export type RoundInvitationInput = z.infer<typeof RoundInvitationInput>;

export const RoundInvitation = z.object({
  urn: z.number(),
  schoolName: z.string(),
  email: z.string(),
  /** `new_user`: the person was invited to Tutti as a user of the school as well. */
  kind: z.enum(["existing_user", "new_user"]),
  message: z.string(),
});
export type RoundInvitation = z.infer<typeof RoundInvitation>;

/** A criterion's code made from its name: a–z, 0–9 and _, unique among `taken`. */
export const criterionCode = (label: string, taken: readonly string[]): string => {
  const base =
    label
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 36) || "criterion";
  let code = base;
  for (let n = 2; taken.includes(code); n++) code = `${base}_${n}`;
  return code;
};

/** `GET /api/lead-school-applications/to-review`: what a panel member named on rounds is to score. */
export const PanelApplication = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  roundTitle: z.string(),
  urn: z.number(),
  schoolName: z.string(),
  phase: z.string(),
  status: z.enum(["submitted", "shortlisted", "declined", "appointed"]),
  /** Whether this reviewer has saved scores for it. */
  scored: z.boolean(),
});
export type PanelApplication = z.infer<typeof PanelApplication>;
