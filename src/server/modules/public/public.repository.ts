import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { hubs } from "../../db/schema/index";

export const publicRepository = (db: DbOrTx) => ({
  /** The hub behind a public address: only what public pages may use (and the id to scope by). */
  hubBySlug: async (slug: string) =>
    (
      await db
        .select({
          id: hubs.id,
          slug: hubs.slug,
          name: hubs.name,
          areaServed: hubs.areaServed,
          publicEmail: hubs.publicEmail,
          brandColour: hubs.brandColour,
        })
        .from(hubs)
        .where(eq(hubs.slug, slug))
        .limit(1)
    )[0],
});

export type PublicHubRow = NonNullable<Awaited<ReturnType<ReturnType<typeof publicRepository>["hubBySlug"]>>>;
