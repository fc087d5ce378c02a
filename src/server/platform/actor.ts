import type { Role } from "../../shared/schemas/auth";

/** Who is acting, in which hub, with which role: resolved once per request. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  hubId: string;
  hubName: string;
  hubSlug: string;
  role: Role;
  /** For school users: their one school. */
  schoolId: string | null;
  /** For partner users: their one partner organisation. */
  partnerId: string | null;
};

export const isHubUser = (a: Actor): boolean => a.role === "hub_admin" || a.role === "hub_staff";
export const isHubAdmin = (a: Actor): boolean => a.role === "hub_admin";

/** The actor used by the command line and demo loader: acts as the system within a hub. */
export const systemActor = (hub: { id: string; name: string; slug: string }): Actor => ({
  userId: "00000000-0000-0000-0000-000000000000",
  name: "Tutti (command line)",
  email: "system@tutti.invalid",
  hubId: hub.id,
  hubName: hub.name,
  hubSlug: hub.slug,
  role: "hub_admin",
  schoolId: null,
  partnerId: null,
});

export const SYSTEM_USER_ID = "00000000-0000-0000-0000-000000000000";
