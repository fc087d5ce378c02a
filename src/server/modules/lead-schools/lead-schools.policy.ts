import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with Lead Schools: the one table. Routes take `requireRole` from it, the
 * services' checks read it, and lead-schools.matrix.ts is built from it.
 */
export const LEAD_SCHOOL_PERMISSIONS = {
  /** Open and edit rounds, moderate, shortlist, decline, appoint, record appointments, benefits and annual reviews. */
  manage: ["hub_admin"],
  /** See rounds, applications, Lead Schools, the coverage matrix; record visits and activities. */
  see: ["hub_admin", "hub_staff"],
  /** Score applications: hub admins and staff, and school users the round names on its panel. */
  review: ["hub_admin", "hub_staff", "school_user"],
  /** Fill, upload to and submit the own school's application. */
  apply: ["school_user"],
  /** Read an application (a school user: only its own school's). */
  readApplication: ["hub_admin", "hub_staff", "school_user"],
} as const satisfies Record<string, readonly Role[]>;

export type LeadSchoolAction = keyof typeof LEAD_SCHOOL_PERMISSIONS;

export const rolesFor = (action: LeadSchoolAction): readonly Role[] => LEAD_SCHOOL_PERMISSIONS[action];

export const can = (actor: Actor, action: LeadSchoolAction): boolean => rolesFor(action).includes(actor.role);

/** Hub users see every application of the hub; a school user only its own school's. */
export const canReadApplication = (actor: Actor, app: { schoolId: string }): boolean =>
  can(actor, "see") ||
  (can(actor, "readApplication") && actor.schoolId !== null && actor.schoolId === app.schoolId);
