import type { Db } from "../../db/client";
import { schools } from "../../db/schema/index";

export type SchoolSeed = Partial<Omit<typeof schools.$inferInsert, "hubId">> & { urn: number; name: string };

/** Inserts schools into a hub directly (tests): sensible defaults for everything not given. */
export const seedSchools = async (db: Db, hubId: string, rows: SchoolSeed[]) => {
  if (!rows.length) return [];
  return db
    .insert(schools)
    .values(
      rows.map((r) => ({
        laCode: "931",
        laName: "Northshire",
        phase: "primary",
        status: "open" as const,
        source: "manual",
        ...r,
        hubId,
      })),
    )
    .returning();
};
