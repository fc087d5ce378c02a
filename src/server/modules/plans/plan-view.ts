import { course } from "../../../shared/rules/plan-course";
import type { Plan, PlanTarget } from "../../../shared/schemas/plans";
import type { DbOrTx } from "../../db/client";
import type { planTargets } from "../../db/schema/index";
import type { MeasureValue } from "../../platform/measures";
import { catalogueEntry, computeMeasure, measureText } from "./measure-catalogue";
import { plansRepository } from "./plans.repository";

type TargetRow = typeof planTargets.$inferSelect;

/** "YYYY-MM-DD" of a moment (UTC). */
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

const TREND_DAYS = 400;

/**
 * Computations under way, by hub, measure and day: a request that asks while the same value is
 * being computed shares that computation instead of starting another (50 people opening the plan
 * at once cost one query per measure). Nothing is kept once it is answered, so a request made
 * after a change always computes afresh.
 */
const inFlight = new Map<string, Promise<MeasureValue>>();

const shared = (db: DbOrTx, hubId: string, id: string, on: string): Promise<MeasureValue> | null => {
  const key = `${hubId}|${id}|${on}`;
  const running = inFlight.get(key);
  if (running) return running;
  const started = computeMeasure(id, { db, hubId, on });
  if (!started) return null;
  const settled = started.finally(() => inFlight.delete(key));
  inFlight.set(key, settled);
  return settled;
};

/** The values now of the given measures (null: not available yet), each computed once. */
export const currentValues = async (
  db: DbOrTx,
  hubId: string,
  measures: readonly string[],
  on: string,
): Promise<Map<string, MeasureValue | null>> => {
  const unique = [...new Set(measures)];
  const values = await Promise.all(unique.map((id) => shared(db, hubId, id, on) ?? null));
  return new Map(unique.map((id, i) => [id, values[i] ?? null]));
};

/** One target as the plan shows it: its live value, definition, trend and course. */
export const targetView = (
  t: TargetRow,
  values: Map<string, MeasureValue | null>,
  trends: Map<string, { on: string; value: number }[]>,
  today: string,
): PlanTarget => {
  const entry = t.measure ? catalogueEntry(t.measure) : undefined;
  const value = t.measure ? (values.get(t.measure) ?? null) : null;
  const trend = t.measure ? (trends.get(t.measure) ?? []) : [];
  const c =
    t.measure && value && t.goal !== null && t.deadline
      ? course({ snapshots: trend, goal: t.goal, deadline: t.deadline, today, current: value.value })
      : null;
  return {
    id: t.id,
    text: t.text,
    byWhen: t.byWhen,
    monitor: t.monitor,
    budget: t.budget,
    nextYearTarget: t.nextYearTarget,
    status: c && c.state !== "unknown" ? c.status : t.status,
    ownerId: t.ownerId,
    retired: t.retired,
    version: t.version,
    measure: t.measure,
    goal: t.goal,
    deadline: t.deadline,
    current: value?.value ?? null,
    currentText: t.measure ? measureText(entry?.unit ?? "share", value) : null,
    definition: entry?.definition ?? null,
    trend,
    course: c?.state ?? null,
  };
};

/** The whole plan with every target's current value: four indexed reads and one query per measure. */
export const planView = async (
  db: DbOrTx,
  hubId: string,
  planId: string,
  now: Date,
): Promise<Plan | null> => {
  const repo = plansRepository(db);
  const plan = await repo.plan(hubId, planId);
  if (!plan) return null;
  const [objectives, actions, targets] = await Promise.all([
    repo.objectives(hubId, planId),
    repo.actions(hubId, planId),
    repo.targets(hubId, planId),
  ]);
  const today = dayOf(now);
  const measures = [
    ...new Set(targets.filter((t) => !t.retired).flatMap((t) => (t.measure ? [t.measure] : []))),
  ];
  const since = dayOf(new Date(now.getTime() - TREND_DAYS * 86_400_000));
  const [values, snapshots] = await Promise.all([
    currentValues(db, hubId, measures, today),
    repo.snapshots(hubId, measures, since),
  ]);
  const trends = new Map<string, { on: string; value: number }[]>();
  for (const s of snapshots) {
    const list = trends.get(s.measure) ?? [];
    list.push({ on: s.on, value: s.value });
    trends.set(s.measure, list);
  }
  const targetsOf = new Map<string, PlanTarget[]>();
  for (const t of targets) {
    const list = targetsOf.get(t.actionId) ?? [];
    list.push(targetView(t, values, trends, today));
    targetsOf.set(t.actionId, list);
  }
  const actionsOf = new Map<string, Plan["objectives"][number]["actions"]>();
  for (const a of actions) {
    const list = actionsOf.get(a.objectiveId) ?? [];
    list.push({ id: a.id, text: a.text, lead: a.lead, targets: targetsOf.get(a.id) ?? [] });
    actionsOf.set(a.objectiveId, list);
  }
  return {
    id: plan.id,
    title: plan.title,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    objectives: objectives.map((o) => ({
      id: o.id,
      number: o.number,
      title: o.title,
      status: o.status,
      actions: actionsOf.get(o.id) ?? [],
    })),
  };
};
