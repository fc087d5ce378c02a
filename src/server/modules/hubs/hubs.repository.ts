import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { areas, hubs } from "../../db/schema/index";

export const hubsRepository = (db: DbOrTx) => ({
  bySlug: async (slug: string) => (await db.select().from(hubs).where(eq(hubs.slug, slug)).limit(1))[0],
  byId: async (id: string) => (await db.select().from(hubs).where(eq(hubs.id, id)).limit(1))[0],
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
