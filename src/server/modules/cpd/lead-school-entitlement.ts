import type { DbOrTx } from "../../db/client";

/**
 * The seam to the Lead Schools capability: which schools of a hub are Lead Schools in office
 * on a day (YYYY-MM-DD), as school ids. The price rule (shared/rules/cpd-price.ts) and the
 * supply-cover claims read it. Until the Lead Schools module is merged, no school is one.
 *
 * Wiring at merge is this one line (and its import):
 *   export const DEFAULT_LEAD_SCHOOL_LOOKUP: LeadSchoolLookup = leadSchoolIdsInOffice;
 * with `import { leadSchoolIdsInOffice } from "../lead-schools/lead-schools.entitlements";`
 */
export type LeadSchoolLookup = (db: DbOrTx, hubId: string, on: string) => Promise<Set<string>>;

const noLeadSchools: LeadSchoolLookup = async () => new Set<string>();

export const DEFAULT_LEAD_SCHOOL_LOOKUP: LeadSchoolLookup = noLeadSchools;

let current: LeadSchoolLookup = DEFAULT_LEAD_SCHOOL_LOOKUP;

/** The Lead Schools of a hub on a day (school ids). */
export const leadSchoolIds: LeadSchoolLookup = (db, hubId, on) => current(db, hubId, on);

/** Tests stand in their own Lead Schools; returns a function that puts the default back. */
export const useLeadSchoolLookup = (lookup: LeadSchoolLookup): (() => void) => {
  current = lookup;
  return () => {
    current = DEFAULT_LEAD_SCHOOL_LOOKUP;
  };
};
