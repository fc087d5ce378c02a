import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with CPD: the one table. Routes take `requireRole` from it, the services'
 * checks read it, and cpd.matrix.ts is built from it. A school user acts only for its own school.
 */
export const CPD_PERMISSIONS = {
  /** Create and change events, see every booking and attendee list, mark registers. */
  manageEvents: ["hub_admin", "hub_staff"],
  /** Read published events, book and cancel (school users: for their own school). */
  book: ["hub_admin", "hub_staff", "school_user"],
  /** Give feedback for a place (school users: their own school's places). */
  giveFeedback: ["hub_admin", "hub_staff", "school_user"],
  /** Supply-cover claims: make and list (school users: their own school's). */
  claim: ["hub_admin", "hub_staff", "school_user"],
  /** Approve or reject claims, export them, the invoice summary and the hub's CPD settings. */
  finance: ["hub_admin"],
  /** Feedback results and reach figures. */
  seeResults: ["hub_admin", "hub_staff"],
} as const satisfies Record<string, readonly Role[]>;

export type CpdAction = keyof typeof CPD_PERMISSIONS;

export const rolesFor = (action: CpdAction): readonly Role[] => CPD_PERMISSIONS[action];

export const can = (actor: Actor, action: CpdAction): boolean => rolesFor(action).includes(actor.role);

/** Hub users act for any school of their hub; a school user only for its own. */
export const actsForSchool = (actor: Actor, schoolId: string): boolean =>
  can(actor, "manageEvents") || (actor.schoolId !== null && actor.schoolId === schoolId);
