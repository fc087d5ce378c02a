import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";

/**
 * Who may do what with questionnaires: the one table. Routes take `requireRole` from it, the
 * services' `canX` read it, and the policy matrix (questionnaires.matrix.ts) is built from it.
 * Partner users appear nowhere: they have no part in questionnaires.
 */
export const QUESTIONNAIRE_PERMISSIONS = {
  /** Create, edit, publish, copy, export and import templates. */
  designTemplates: ["hub_admin", "hub_staff"],
  /** See every school's responses and export them. */
  seeAllResponses: ["hub_admin", "hub_staff"],
  /** Start, fill in and submit responses (a school user for their own school only). */
  fillResponses: ["hub_admin", "hub_staff", "school_user"],
} as const satisfies Record<string, readonly Role[]>;

export type QuestionnaireAction = keyof typeof QUESTIONNAIRE_PERMISSIONS;

export const rolesFor = (action: QuestionnaireAction): readonly Role[] => QUESTIONNAIRE_PERMISSIONS[action];

const allows = (actor: Actor, action: QuestionnaireAction): boolean => rolesFor(action).includes(actor.role);

export const canDesignTemplates = (actor: Actor): boolean => allows(actor, "designTemplates");
export const canSeeAllResponses = (actor: Actor): boolean => allows(actor, "seeAllResponses");

/** A response belongs to a school: hub users act for any school of their hub, a school user for their own. */
export const canFillFor = (actor: Actor, schoolId: string): boolean =>
  allows(actor, "fillResponses") &&
  (canSeeAllResponses(actor) || (actor.schoolId !== null && actor.schoolId === schoolId));
