import { asc, eq } from "drizzle-orm";
import type { Glossary } from "../../../shared/schemas/plans";
import { planRoles } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { invalid } from "../../platform/errors";

/** The hub's role abbreviations (HoS, SLE, AML…) and their meanings, A to Z. */
export const glossary = async (ctx: ServiceContext): Promise<Glossary> =>
  ctx.db
    .select({ abbreviation: planRoles.abbreviation, meaning: planRoles.meaning })
    .from(planRoles)
    .where(eq(planRoles.hubId, ctx.actor.hubId))
    .orderBy(asc(planRoles.abbreviation));

/** Replaces the hub's glossary with the list given. */
export const saveGlossary = (ctx: ServiceContext, entries: Glossary): Promise<Glossary> =>
  inTransaction(ctx, async (tx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const k = e.abbreviation.toLowerCase();
      if (seen.has(k))
        throw invalid(`${e.abbreviation} is in the list twice`, [
          { path: `${i}.abbreviation`, message: `${e.abbreviation} is in the list twice` },
        ]);
      seen.add(k);
    });
    const before = await glossary(tx);
    await tx.db.delete(planRoles).where(eq(planRoles.hubId, tx.actor.hubId));
    if (entries.length)
      await tx.db.insert(planRoles).values(entries.map((e) => ({ hubId: tx.actor.hubId, ...e })));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_roles",
      entityId: tx.actor.hubId,
      before: { roles: before },
      after: { roles: entries },
    });
    return glossary(tx);
  });
