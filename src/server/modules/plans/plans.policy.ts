import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with the hub plan: the one table. Routes take `requireRole` from it and
 * plans.matrix.ts is built from it. School and partner users never see the plan.
 */
export const PLAN_PERMISSIONS = {
  /** Read plans, their live values, updates, reviews and exports; the measure catalogue. */
  readPlans: ["hub_admin", "hub_staff"],
  /** Create, import and edit plans, bind targets, run reviews, the glossary. */
  editPlans: ["hub_admin"],
  /** Post progress updates with evidence; take a snapshot now. */
  postUpdates: ["hub_admin", "hub_staff"],
} as const satisfies Record<string, readonly Role[]>;

export type PlanAction = keyof typeof PLAN_PERMISSIONS;

export const rolesFor = (action: PlanAction): readonly Role[] => PLAN_PERMISSIONS[action];

export const canEditPlans = (actor: Actor): boolean => rolesFor("editPlans").includes(actor.role);
