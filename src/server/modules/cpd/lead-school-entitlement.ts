import type { DbOrTx } from "../../db/client";
import { leadSchoolIdsInOffice } from "../lead-schools/lead-schools.entitlements";

/**
 * The seam to the Lead Schools capability: which schools of a hub are Lead Schools in office
 * on a day (YYYY-MM-DD), as school ids. The price rule (shared/rules/cpd-price.ts) and the
 * supply-cover claims read it; the Lead Schools module answers from its appointments.
 */
export type LeadSchoolLookup = (db: DbOrTx, hubId: string, on: string) => Promise<Set<string>>;

/** The Lead Schools of a hub on a day (school ids). */
export const leadSchoolIds: LeadSchoolLookup = leadSchoolIdsInOffice;
