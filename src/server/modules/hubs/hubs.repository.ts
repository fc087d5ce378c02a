import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { areas, hubs } from "../../db/schema/index";

export const hubsRepository = (db: DbOrTx) => ({
  bySlug: async (slug: string) => (await db.select().from(hubs).where(eq(hubs.slug, slug)).limit(1))[0],
  byId: async (id: string) => (await db.select().from(hubs).where(eq(hubs.id, id)).limit(1))[0],
  /**
   * Locks the hub's row (`FOR NO KEY UPDATE`, the lock its version triggers take anyway) until
   * the transaction ends. Every write to a hub's register (schools, areas, contacts, music data)
   * takes it first, so concurrent writes take turns in one order (no deadlock) and what each
   * reads as "before" is what it changes. Foreign-key checks (KEY SHARE) are not blocked.
   */
  lockForWrites: async (id: string): Promise<void> => {
    await db.select({ id: hubs.id }).from(hubs).where(eq(hubs.id, id)).for("no key update");
  },
  all: async () => db.select().from(hubs).orderBy(asc(hubs.name)),
  create: async (row: typeof hubs.$inferInsert) => {
    const [created] = await db.insert(hubs).values(row).returning();
    if (!created) throw new Error("hub not created");
    return created;
  },
  update: async (id: string, patch: Partial<typeof hubs.$inferInsert>) =>
    (await db.update(hubs).set(patch).where(eq(hubs.id, id)).returning())[0],
  areas: async (hubId: string) =>
    db
      .select({ id: areas.id, name: areas.name })
      .from(areas)
      .where(eq(areas.hubId, hubId))
      .orderBy(asc(areas.name)),
});
