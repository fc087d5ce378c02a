import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with the quality mark: the one table. Routes take `requireRole` from it, the
 * services' `canX` read it, and quality-mark.matrix.ts is built from it. School users reach only
 * their own school's applications and awards (anything else answers 404).
 */
export const QM_PERMISSIONS = {
  /** Read a year's framework (school users read the standards they answer). */
  readFramework: ["hub_admin", "hub_staff", "school_user"],
  /** Save a new version of the framework. */
  editFramework: ["hub_admin"],
  /** Start, answer, attach evidence to and submit an application (for one's own school). */
  apply: ["school_user"],
  /** Read applications and their evidence (school users: their own school's). */
  readApplications: ["hub_admin", "hub_staff", "school_user"],
  /** The hub's list as CSV, the figures, the assessor panel. */
  seeAll: ["hub_admin", "hub_staff"],
  /** Review standards (the assigned assessor) and schedule an assessment visit. */
  assess: ["hub_admin", "hub_staff"],
  /** Assign assessors and say which school a peer assessor works at. */
  manageAssessors: ["hub_admin"],
  /** Confirm an outcome (moderator): without one, no award is made from an application. */
  moderate: ["hub_admin"],
  /** Choose the CPD event at which a year's awards are presented. */
  managePresentation: ["hub_admin"],
  /** Record a past award directly. */
  recordAwards: ["hub_admin"],
  /** Awards, certificates and badges (school users: their own school's; anyone else 404). */
  readAwards: ["hub_admin", "hub_staff", "school_user"],
} as const satisfies Record<string, readonly Role[]>;

export type QmAction = keyof typeof QM_PERMISSIONS;

export const rolesFor = (action: QmAction): readonly Role[] => QM_PERMISSIONS[action];

export const allows = (actor: Actor, action: QmAction): boolean => rolesFor(action).includes(actor.role);

const isHub = (actor: Actor): boolean => actor.role === "hub_admin" || actor.role === "hub_staff";

/** Whether the actor may see a record of this school (hub users: any; school users: their own). */
export const canSeeSchoolRecord = (actor: Actor, action: QmAction, schoolId: string): boolean =>
  allows(actor, action) && (isHub(actor) || (actor.schoolId !== null && actor.schoolId === schoolId));
