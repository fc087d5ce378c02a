import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/** Who may manage the hub's people: hub admins only. */
export const canManageUsers = (actor: Actor): boolean => actor.role === "hub_admin";

/** Who may see pickers of the hub's schools and partners. */
export const canPickHubRecords = (actor: Actor): boolean =>
  actor.role === "hub_admin" || actor.role === "hub_staff";

export const MANAGE_USERS_ROLES: readonly Role[] = ["hub_admin"];
export const HUB_ROLES: readonly Role[] = ["hub_admin", "hub_staff"];
