import { z } from "zod";

import { ROLES } from "../roles";
import { PASSWORD_MAX, PASSWORD_MIN } from "../rules/password-length";

export { CSRF_HEADER, ROLE_LABELS, ROLES, SESSION_COOKIE } from "../roles";
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export { PASSWORD_MAX, PASSWORD_MIN };
/**
 * A new password's length. The whole rule (common passwords, the e-mail address) is
 * `passwordProblem` in rules/password-rule.ts, checked by the services and the forms.
 */
export const Password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const Email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address"));

export const SignInRequest = z.object({
  email: Email,
  password: z.string().min(1, "Enter your password"),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const Membership = z.object({
  hubId: z.uuid(),
  hubName: z.string(),
  hubSlug: z.string(),
  role: Role,
  schoolId: z.uuid().nullable(),
  partnerId: z.uuid().nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const MeResponse = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  memberships: z.array(Membership),
  currentHub: Membership.nullable(),
  /** Send back as the `x-csrf-token` header on every request that changes state. */
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const SwitchHubRequest = z.object({ hubId: z.uuid() });

export const PasswordResetRequest = z.object({ email: Email });
export const PasswordResetComplete = z.object({
  token: z.string().min(10),
  password: Password,
});

/** What a reset link shows before the new password is typed: whose account it is for. */
export const PasswordResetInfo = z.object({ email: z.string() });
export type PasswordResetInfo = z.infer<typeof PasswordResetInfo>;

export const InvitationInfo = z.object({
  email: z.string(),
  name: z.string(),
  hubName: z.string(),
  role: Role,
  /** The person already has a password: they accept by typing it, not by choosing one. */
  existingAccount: z.boolean(),
});
export type InvitationInfo = z.infer<typeof InvitationInfo>;

/**
 * Accepting an invitation: a new account chooses its name and password (the password rule
 * applies); an existing account types its password (counted like a sign-in).
 */
export const AcceptInvitationRequest = z.object({
  token: z.string().min(10),
  name: z.string().trim().min(1, "Enter your name").max(200).optional(),
  password: z.string().min(1, "Enter a password").max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`),
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;
