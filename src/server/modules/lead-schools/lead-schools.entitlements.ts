import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { leadSchools } from "../../db/schema/index";
import { inOfficeOn } from "./lead-schools.repository";

/**
 * The ids of the schools that are Lead Schools of the hub in office on a day ("YYYY-MM-DD"):
 * what the CPD module asks to give each one free place at every hub CPD event.
 */
export const leadSchoolIdsInOffice = async (db: DbOrTx, hubId: string, on: string): Promise<Set<string>> => {
  const rows = await db
    .select({ schoolId: leadSchools.schoolId })
    .from(leadSchools)
    .where(and(eq(leadSchools.hubId, hubId), inOfficeOn(on)));
  return new Set(rows.map((r) => r.schoolId));
};
