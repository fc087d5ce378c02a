import type { Db } from "../db/client";
import type { Actor } from "../platform/actor";

/** Placeholder until the schools register lands: returns no school. */
export const loadDemoSchools = async (
  _db: Db,
  _actor: Actor,
  _areaIds: Map<string, string>,
): Promise<{ firstSchoolId: string | null }> => ({ firstSchoolId: null });
