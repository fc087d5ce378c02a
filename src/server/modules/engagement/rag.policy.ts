import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with RAG ratings: the one table. Routes take `requireRole` from it, the
 * service's `canX` read it, and the policy matrix (rag.matrix.ts) is built from it. School and
 * partner users appear nowhere: they never see ratings, suggestions or criteria.
 */
export const RAG_PERMISSIONS = {
  /** A school's rating, suggestion and history; the RAG board. */
  seeRatings: ["hub_admin", "hub_staff"],
  /** Confirm or override a rating (always with a reason). */
  setRatings: ["hub_admin", "hub_staff"],
  /** Read the hub's criteria. */
  seeCriteria: ["hub_admin", "hub_staff"],
  /** Change which criteria are on, their thresholds, and what makes red or amber. */
  editCriteria: ["hub_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type RagAction = keyof typeof RAG_PERMISSIONS;

export const rolesFor = (action: RagAction): readonly Role[] => RAG_PERMISSIONS[action];

const allows = (actor: Actor, action: RagAction): boolean => rolesFor(action).includes(actor.role);

export const canSeeRatings = (actor: Actor): boolean => allows(actor, "seeRatings");
export const canSetRatings = (actor: Actor): boolean => allows(actor, "setRatings");
export const canSeeCriteria = (actor: Actor): boolean => allows(actor, "seeCriteria");
export const canEditCriteria = (actor: Actor): boolean => allows(actor, "editCriteria");
