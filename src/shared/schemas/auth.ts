import { z } from "zod";

import { ROLES } from "../roles";

export { CSRF_HEADER, ROLE_LABELS, ROLES, SESSION_COOKIE } from "../roles";
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PASSWORD_MIN = 10;
export const Password = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(200, "Password must be at most 200 characters");

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

export const InvitationInfo = z.object({
  email: z.string(),
  name: z.string(),
  hubName: z.string(),
  role: Role,
});
export type InvitationInfo = z.infer<typeof InvitationInfo>;

export const AcceptInvitationRequest = z.object({
  token: z.string().min(10),
  name: z.string().trim().min(1, "Enter your name").max(200),
  password: Password,
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;
