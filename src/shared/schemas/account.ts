import { z } from "zod";
import { Membership, PASSWORD_MAX, Password } from "./auth";
import { NAME_MAX } from "./common";

/** One's own account: name, address, hubs and roles, and how many devices are signed in. */
export const AccountResponse = z.object({
  name: z.string(),
  email: z.string(),
  memberships: z.array(Membership),
  /** Sessions open now, this one included. */
  sessions: z.number().int(),
});
export type AccountResponse = z.infer<typeof AccountResponse>;

export const AccountNameRequest = z.object({
  name: z.string().trim().min(1, "Enter your name").max(NAME_MAX),
});
export type AccountNameRequest = z.infer<typeof AccountNameRequest>;

/** Changing one's password: the current one, and a new one under the password rule. */
export const ChangePasswordRequest = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password")
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const SignOutEverywhereRequest = z.object({
  /** True signs this device out too; false keeps it and ends every other session. */
  includeThisDevice: z.boolean(),
});
export type SignOutEverywhereRequest = z.infer<typeof SignOutEverywhereRequest>;
