import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { hubs } from "../../db/schema/index";

const bySlug = (db: DbOrTx) =>
  db
    .select({
      id: hubs.id,
      slug: hubs.slug,
      name: hubs.name,
      areaServed: hubs.areaServed,
      publicEmail: hubs.publicEmail,
      brandColour: hubs.brandColour,
    })
    .from(hubs)
    .where(eq(hubs.slug, sql.placeholder("slug")))
    .limit(1)
    .prepare("public_hub_by_slug");

/** The prepared statement per database handle: every public request asks it first. */
const prepared = new WeakMap<DbOrTx, ReturnType<typeof bySlug>>();

export const publicRepository = (db: DbOrTx) => ({
  /** The hub behind a public address: only what public pages may use (and the id to scope by). */
  hubBySlug: async (slug: string) => {
    let statement = prepared.get(db);
    if (!statement) {
      statement = bySlug(db);
      prepared.set(db, statement);
    }
    return (await statement.execute({ slug }))[0];
  },
});

export type PublicHubRow = NonNullable<Awaited<ReturnType<ReturnType<typeof publicRepository>["hubBySlug"]>>>;
