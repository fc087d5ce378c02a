import type { Role } from "../../../shared/schemas/auth";
import { type Actor, isHubUser } from "../../platform/actor";

/** The one fact about a school a policy needs: which school it is. */
type SchoolRef = { id: string };

/** Roles that may reach the register at all (a school user only ever sees its own school). */
export const REGISTER_ROLES: readonly Role[] = ["hub_admin", "hub_staff", "school_user"];
/** Roles that work on the whole register: areas, link officers, tags, exports, the map. */
export const HUB_ROLES: readonly Role[] = ["hub_admin", "hub_staff"];

/** Whether the actor sees the whole register (rather than its own school only). */
export const seesWholeRegister = (actor: Actor): boolean => isHubUser(actor);

const ownSchool = (actor: Actor, school: SchoolRef): boolean =>
  actor.role === "school_user" && actor.schoolId !== null && actor.schoolId === school.id;

/** Hub users see every school of their hub; a school user sees its own school only. */
export const canSeeSchool = (actor: Actor, school: SchoolRef): boolean =>
  isHubUser(actor) || ownSchool(actor, school);

/** The hub's own fields (area, link officer, tags): hub users only. */
export const canEditSchool = (actor: Actor): boolean => isHubUser(actor);

/** Contacts are personal data: hub users and the school's own users. */
export const canSeeContacts = (actor: Actor, school: SchoolRef): boolean => canSeeSchool(actor, school);
export const canEditContacts = (actor: Actor, school: SchoolRef): boolean => canSeeSchool(actor, school);
export const canEditMusicData = (actor: Actor, school: SchoolRef): boolean => canSeeSchool(actor, school);

/** Tags and the hub's internal history (area, link officer, tag changes) stay with hub users. */
export const canSeeHubNotes = (actor: Actor): boolean => isHubUser(actor);

export const canExport = (actor: Actor): boolean => isHubUser(actor);
export const canSeeMap = (actor: Actor): boolean => isHubUser(actor);

/** Areas and link officers: hub users list and change them. */
export const canManageAreas = (actor: Actor): boolean => isHubUser(actor);
export const canManageLinkOfficers = (actor: Actor): boolean => isHubUser(actor);
