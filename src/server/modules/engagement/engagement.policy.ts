import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with school engagement (visits, reports, coverage): the one table. Routes take
 * `requireRole` from it, the services' `canX` read it, and engagement.matrix.ts is built from it.
 */
export const ENGAGEMENT_PERMISSIONS = {
  /** Schedule, reschedule, cancel and list visits; draft reports; see follow-ups. */
  manageVisits: ["hub_admin", "hub_staff"],
  /** Approve a report, which shares it with the school. */
  approveReports: ["hub_admin"],
  /** Read a report and its PDF (a school user: only its own school's shared reports). */
  readReports: ["hub_admin", "hub_staff", "school_user"],
  /** The coverage figures. */
  seeCoverage: ["hub_admin", "hub_staff"],
  /** The hub's coverage targets. */
  editTargets: ["hub_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type EngagementAction = keyof typeof ENGAGEMENT_PERMISSIONS;

export const rolesFor = (action: EngagementAction): readonly Role[] => ENGAGEMENT_PERMISSIONS[action];

const allows = (actor: Actor, action: EngagementAction): boolean => rolesFor(action).includes(actor.role);

export const canManageVisits = (actor: Actor): boolean => allows(actor, "manageVisits");
export const canApproveReports = (actor: Actor): boolean => allows(actor, "approveReports");

/** Drafts are for hub users; a school user reads only its own school's approved (shared) reports. */
export const canReadReport = (
  actor: Actor,
  report: { schoolId: string; status: "draft" | "approved" },
): boolean =>
  allows(actor, "readReports") &&
  (canManageVisits(actor) ||
    (actor.schoolId !== null && actor.schoolId === report.schoolId && report.status === "approved"));
