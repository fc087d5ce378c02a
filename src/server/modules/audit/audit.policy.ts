import type { Actor } from "../../platform/actor";

/** The audit log holds personal data and every change: hub admins only. */
export const canReadAudit = (actor: Actor): boolean => actor.role === "hub_admin";
