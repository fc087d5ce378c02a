import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  hubs,
  planActions,
  planMeasureSnapshots,
  planObjectives,
  plans,
  planTargets,
} from "../../db/schema/index";

/** The plan's SQL, always scoped by hub. */
export const plansRepository = (db: DbOrTx) => ({
  hub: async (hubId: string) => {
    const [row] = await db
      .select({ name: hubs.name, colour: hubs.brandColour })
      .from(hubs)
      .where(eq(hubs.id, hubId));
    return row;
  },
  plan: async (hubId: string, id: string) => {
    const [row] = await db
      .select()
      .from(plans)
      .where(and(eq(plans.hubId, hubId), eq(plans.id, id)));
    return row;
  },
  list: (hubId: string) =>
    db
      .select({
        id: plans.id,
        title: plans.title,
        startsOn: plans.startsOn,
        endsOn: plans.endsOn,
        objectives: sql<number>`(select count(*)::int from plan_objectives o where o.plan_id = "plans"."id")`,
        targets: sql<number>`(select count(*)::int from plan_targets t where t.plan_id = "plans"."id" and not t.retired)`,
      })
      .from(plans)
      .where(eq(plans.hubId, hubId))
      .orderBy(sql`${plans.startsOn} desc`, asc(plans.title)),
  objectives: (hubId: string, planId: string) =>
    db
      .select()
      .from(planObjectives)
      .where(and(eq(planObjectives.hubId, hubId), eq(planObjectives.planId, planId)))
      .orderBy(asc(planObjectives.number)),
  actions: (hubId: string, planId: string) =>
    db
      .select()
      .from(planActions)
      .where(and(eq(planActions.hubId, hubId), eq(planActions.planId, planId)))
      .orderBy(asc(planActions.position)),
  targets: (hubId: string, planId: string) =>
    db
      .select()
      .from(planTargets)
      .where(and(eq(planTargets.hubId, hubId), eq(planTargets.planId, planId)))
      .orderBy(asc(planTargets.position)),
  objective: async (hubId: string, planId: string, id: string) => {
    const [row] = await db
      .select()
      .from(planObjectives)
      .where(
        and(eq(planObjectives.hubId, hubId), eq(planObjectives.planId, planId), eq(planObjectives.id, id)),
      );
    return row;
  },
  action: async (hubId: string, planId: string, id: string) => {
    const [row] = await db
      .select()
      .from(planActions)
      .where(and(eq(planActions.hubId, hubId), eq(planActions.planId, planId), eq(planActions.id, id)));
    return row;
  },
  target: async (hubId: string, planId: string, id: string) => {
    const [row] = await db
      .select()
      .from(planTargets)
      .where(and(eq(planTargets.hubId, hubId), eq(planTargets.planId, planId), eq(planTargets.id, id)));
    return row;
  },
  snapshots: (hubId: string, measures: string[], since: string) =>
    measures.length
      ? db
          .select({
            measure: planMeasureSnapshots.measure,
            on: planMeasureSnapshots.on,
            value: planMeasureSnapshots.value,
          })
          .from(planMeasureSnapshots)
          .where(
            and(
              eq(planMeasureSnapshots.hubId, hubId),
              inArray(planMeasureSnapshots.measure, measures),
              gte(planMeasureSnapshots.on, since),
            ),
          )
          .orderBy(asc(planMeasureSnapshots.on))
      : Promise.resolve([]),
  /** Every measure a live (not retired) target of the hub is bound to. */
  boundMeasures: async (hubId: string): Promise<string[]> => {
    const rows = await db
      .selectDistinct({ measure: planTargets.measure })
      .from(planTargets)
      .where(
        and(
          eq(planTargets.hubId, hubId),
          eq(planTargets.retired, false),
          sql`${planTargets.measure} is not null`,
        ),
      );
    return rows.flatMap((r) => (r.measure ? [r.measure] : []));
  },
});
