// Plain constants with no zod, so the app shell can use them without loading the validators.
export const ROLES = ["hub_admin", "hub_staff", "school_user", "partner_user"] as const;
export type RoleName = (typeof ROLES)[number];
export const ROLE_LABELS: Record<RoleName, string> = {
  hub_admin: "Hub admin",
  hub_staff: "Hub staff",
  school_user: "School user",
  partner_user: "Partner user",
};
export const CSRF_HEADER = "x-csrf-token";
export const SESSION_COOKIE = "tutti_session";
