import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with the programme's phases, schools' expressions of interest and pre-visit
 * audits: the one table. Routes take `requireRole` from it, the services' `canX` read it, and
 * phases.matrix.ts is built from it.
 */
export const PHASE_PERMISSIONS = {
  /** Create and change phases, add and remove their schools. */
  managePhases: ["hub_admin", "hub_staff"],
  /** Express interest for one's own school (the public form needs no account). */
  expressInterest: ["school_user"],
  /** List interests: hub users all of the hub's, a school user only their own school's. */
  listInterests: ["hub_admin", "hub_staff", "school_user"],
  /** Accept or decline an interest; export the list. */
  decideInterests: ["hub_admin", "hub_staff"],
  /** A school's audits: hub users any school of the hub, a school user only their own. */
  readAudits: ["hub_admin", "hub_staff", "school_user"],
  /** A school user's own school's audits (to fill in). */
  ownAudits: ["school_user"],
  /** Set up the hub's default pre-visit audit questionnaire. */
  setUpAudit: ["hub_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type PhaseAction = keyof typeof PHASE_PERMISSIONS;

export const rolesFor = (action: PhaseAction): readonly Role[] => PHASE_PERMISSIONS[action];

const allows = (actor: Actor, action: PhaseAction): boolean => rolesFor(action).includes(actor.role);

export const canManagePhases = (actor: Actor): boolean => allows(actor, "managePhases");
export const canDecideInterests = (actor: Actor): boolean => allows(actor, "decideInterests");

/** Hub users read any school of their hub; a school user only their own school. */
export const canReadSchool = (actor: Actor, action: "readAudits" | "listInterests", schoolId: string) =>
  allows(actor, action) &&
  (canManagePhases(actor) || (actor.schoolId !== null && actor.schoolId === schoolId));
