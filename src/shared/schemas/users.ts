import { z } from "zod";
import { Email, Role } from "./auth";
import { PageQuery } from "./common";

export const MEMBER_STATUSES = ["active", "invited", "deactivated"] as const;
export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Member = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  status: MemberStatus,
  schoolId: z.uuid().nullable(),
  schoolName: z.string().nullable(),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const MemberListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  role: Role.optional(),
  status: MemberStatus.optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const InviteRequest = z
  .object({
    email: Email,
    name: z.string().trim().min(1, "Enter the person's name").max(200),
    role: Role,
    schoolId: z.uuid().nullable().optional(),
    partnerId: z.uuid().nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "school_user" && !v.schoolId)
      ctx.addIssue({ code: "custom", path: ["schoolId"], message: "Choose the school this user belongs to" });
    if (v.role === "partner_user" && !v.partnerId)
      ctx.addIssue({
        code: "custom",
        path: ["partnerId"],
        message: "Choose the partner organisation this user belongs to",
      });
  });
export type InviteRequest = z.infer<typeof InviteRequest>;

export const InviteResponse = z.object({
  member: Member,
  /**
   * The link the invitee follows, when this invitation made the account; null when the person
   * already had an account (the link then goes by e-mail only).
   */
  inviteUrl: z.string().nullable(),
});

export const MemberPatch = z
  .object({
    role: Role.optional(),
    active: z.boolean().optional(),
    schoolId: z.uuid().nullable().optional(),
    partnerId: z.uuid().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");
export type MemberPatch = z.infer<typeof MemberPatch>;

/** Minimal option lists for pickers (schools, partners) in forms. */
export const Option = z.object({ id: z.uuid(), label: z.string() });
export type Option = z.infer<typeof Option>;
