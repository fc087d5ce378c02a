import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { formatUkDate } from "../../../shared/rules/uk-date";
import {
  PLAN_STATUS_LABELS,
  type PlanPublication,
  type PlanPublicationInput,
  type PublicPlans,
} from "../../../shared/schemas/plans";
import type { DbOrTx } from "../../db/client";
import { planMeasureSnapshots, planPublications, plans } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { invalid } from "../../platform/errors";
import { publicHubRow } from "../public/public.service";
import { catalogueEntry, measureText } from "./measure-catalogue";
import { snapshotHub } from "./plan-snapshots";
import { dayOf, targetView } from "./plan-view";
import { plansRepository } from "./plans.repository";
import { requirePlan } from "./plans.service";

/**
 * A plan's published summary (decision 029): the hub chooses whether a plan is public, writes
 * a summary, picks the objectives shown and whether their targets are listed. Anyone reads it
 * at /h/:slug/plan. Values there are the latest daily snapshot (never computed for an
 * anonymous reader), so a public page costs a few indexed reads whoever asks.
 */

export const publicPlanHref = (slug: string) => `/h/${slug}/plan`;

const EMPTY = { published: false, summary: "", objectiveIds: [], showTargets: false, publishedAt: null };

export const getPublication = async (ctx: ServiceContext, planId: string): Promise<PlanPublication> => {
  await requirePlan(ctx, planId);
  const [row] = await ctx.db
    .select()
    .from(planPublications)
    .where(and(eq(planPublications.hubId, ctx.actor.hubId), eq(planPublications.planId, planId)));
  const href = publicPlanHref(ctx.actor.hubSlug);
  if (!row) return { ...EMPTY, href };
  return {
    published: row.published,
    summary: row.summary,
    objectiveIds: row.objectiveIds,
    showTargets: row.showTargets,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    href,
  };
};

/** Publishes (or withdraws) a plan's summary; its objectives must be the plan's own. */
export const savePublication = async (
  ctx: ServiceContext,
  planId: string,
  input: PlanPublicationInput,
): Promise<PlanPublication> => {
  await inTransaction(ctx, async (tx) => {
    await requirePlan(tx, planId);
    const ids = [...new Set(input.objectiveIds)];
    const own = await plansRepository(tx.db).objectives(tx.actor.hubId, planId);
    if (ids.some((id) => !own.some((o) => o.id === id)))
      throw invalid("Choose objectives of this plan", [
        { path: "objectiveIds", message: "Choose objectives of this plan" },
      ]);
    if (input.published && !ids.length)
      throw invalid("Choose at least one objective to publish", [
        { path: "objectiveIds", message: "Choose at least one objective to publish" },
      ]);
    const [before] = await tx.db.select().from(planPublications).where(eq(planPublications.planId, planId));
    const publishedAt = input.published ? (before?.publishedAt ?? tx.clock()) : null;
    const values = {
      published: input.published,
      summary: input.summary,
      objectiveIds: ids,
      showTargets: input.showTargets,
      publishedAt,
      updatedBy: tx.actor.userId,
      updatedAt: tx.clock(),
    };
    await tx.db
      .insert(planPublications)
      .values({ planId, hubId: tx.actor.hubId, ...values })
      .onConflictDoUpdate({ target: planPublications.planId, set: values });
    await recordAudit(tx.db, tx.actor, {
      action: before ? "update" : "create",
      entity: "plan_publication",
      entityId: planId,
      before: before ?? null,
      after: values,
    });
  });
  // A published target list shows the latest snapshot: take today's now, so it is never empty.
  if (input.published && input.showTargets) await snapshotHub(ctx.db, ctx.actor.hubId, ctx.clock());
  return getPublication(ctx, planId);
};

/** Whether a hub has a published plan (the hub's public profile lists the page only then). */
export const hasPublishedPlan = async (db: DbOrTx, hubId: string): Promise<boolean> => {
  const rows = await db
    .select({ one: sql`1` })
    .from(planPublications)
    .where(and(eq(planPublications.hubId, hubId), eq(planPublications.published, true)))
    .limit(1);
  return rows.length > 0;
};

/** The latest snapshot of each measure (value and day), for the hub's published targets. */
const latestSnapshots = async (db: DbOrTx, hubId: string, measures: string[]) => {
  if (!measures.length)
    return new Map<string, { on: string; value: number; n: number | null; d: number | null }>();
  const rows = await db
    .selectDistinctOn([planMeasureSnapshots.measure], {
      measure: planMeasureSnapshots.measure,
      on: planMeasureSnapshots.on,
      value: planMeasureSnapshots.value,
      n: planMeasureSnapshots.numerator,
      d: planMeasureSnapshots.denominator,
    })
    .from(planMeasureSnapshots)
    .where(and(eq(planMeasureSnapshots.hubId, hubId), inArray(planMeasureSnapshots.measure, measures)))
    .orderBy(planMeasureSnapshots.measure, desc(planMeasureSnapshots.on));
  return new Map(rows.map((r) => [r.measure, r]));
};

/** GET /api/public/hubs/:slug/plan: every published plan of the hub, newest first, public fields only. */
export const publicPlans = async (db: DbOrTx, slug: string, now: Date): Promise<PublicPlans> => {
  const hub = await publicHubRow(db, slug);
  const published = await db
    .select({ plan: plans, pub: planPublications })
    .from(planPublications)
    .innerJoin(plans, eq(plans.id, planPublications.planId))
    .where(and(eq(planPublications.hubId, hub.id), eq(planPublications.published, true)))
    .orderBy(desc(plans.startsOn));
  const repo = plansRepository(db);
  const today = dayOf(now);
  const out: PublicPlans["plans"] = [];
  for (const { plan, pub } of published) {
    const [objectives, actions, targets] = await Promise.all([
      repo.objectives(hub.id, plan.id),
      pub.showTargets ? repo.actions(hub.id, plan.id) : Promise.resolve([]),
      pub.showTargets ? repo.targets(hub.id, plan.id) : Promise.resolve([]),
    ]);
    const live = targets.filter((t) => !t.retired);
    const measures = [...new Set(live.flatMap((t) => (t.measure ? [t.measure] : [])))];
    const latest = await latestSnapshots(db, hub.id, measures);
    const values = new Map(
      [...latest].map(([m, s]) => [
        m,
        { value: s.value, numerator: s.n ?? undefined, denominator: s.d ?? undefined },
      ]),
    );
    const trends = new Map([...latest].map(([m, s]) => [m, [{ on: s.on, value: s.value }]]));
    const order = new Map(actions.map((a, i) => [a.id, i]));
    const objectiveOf = new Map(actions.map((a) => [a.id, a.objectiveId]));
    out.push({
      title: plan.title,
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      summary: pub.summary,
      publishedOn: pub.publishedAt ? dayOf(pub.publishedAt) : null,
      objectives: objectives
        .filter((o) => pub.objectiveIds.includes(o.id))
        .map((o) => ({
          number: o.number,
          title: o.title,
          status: o.status,
          statusLabel: PLAN_STATUS_LABELS[o.status].label,
          targets: live
            .filter((t) => objectiveOf.get(t.actionId) === o.id)
            .sort((a, b) => (order.get(a.actionId) ?? 0) - (order.get(b.actionId) ?? 0))
            .map((t) => {
              const view = targetView(t, values, trends, today);
              const snap = t.measure ? latest.get(t.measure) : undefined;
              const unit = t.measure ? (catalogueEntry(t.measure)?.unit ?? "share") : "share";
              return {
                text: t.text,
                byWhen: t.byWhen,
                status: view.status,
                statusLabel: PLAN_STATUS_LABELS[view.status].label,
                value: snap ? measureText(unit, values.get(t.measure ?? "") ?? null) : null,
                asOf: snap?.on ?? null,
                goal:
                  t.measure && t.goal !== null && t.deadline
                    ? `${unit === "share" ? `${Math.round(t.goal * 1000) / 10}%` : t.goal.toLocaleString("en-GB")} by ${formatUkDate(t.deadline)}`
                    : null,
              };
            }),
        })),
    });
  }
  return { hubName: hub.name, plans: out };
};
