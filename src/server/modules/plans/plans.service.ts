import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  ActionInput,
  ActionPatch,
  ObjectiveInput,
  ObjectivePatch,
  Plan,
  PlanInput,
  PlanPatch,
  PlanSummary,
  TargetInput,
  TargetPatch,
} from "../../../shared/schemas/plans";
import { hasSqlState } from "../../db/availability";
import { memberships } from "../../db/schema/index";
import {
  planActions,
  planObjectives,
  plans,
  planTargetRevisions,
  planTargets,
  type TargetRevision,
} from "../../db/schema/plans";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, invalid, notFound } from "../../platform/errors";
import { ALL_TOPICS, hubReads } from "../../platform/hub-reads";
import { catalogueEntry } from "./measure-catalogue";
import { dayOf, planView } from "./plan-view";
import { plansRepository } from "./plans.repository";

const hubOf = (ctx: ServiceContext) => ctx.actor.hubId;

export const listPlans = (ctx: ServiceContext): Promise<PlanSummary[]> =>
  plansRepository(ctx.db).list(hubOf(ctx));

export const requirePlan = async (ctx: ServiceContext, id: string) => {
  const plan = await plansRepository(ctx.db).plan(hubOf(ctx), id);
  if (!plan) throw notFound("Plan");
  return plan;
};

/**
 * Plans with their live values, kept per hub, plan and day while nothing the plan or any of its
 * measures reads has changed: every topic (platform/hub-reads.ts, decision 030).
 */
const keptPlans = hubReads<Plan | null>("plan", { topics: ALL_TOPICS, max: 200 });

export const getPlan = async (ctx: ServiceContext, id: string): Promise<Plan> => {
  const now = ctx.clock();
  const view = await keptPlans.forActor(ctx, `${id} ${dayOf(now)}`, () =>
    planView(ctx.db, hubOf(ctx), id, now),
  );
  if (!view) throw notFound("Plan");
  return view;
};

export const createPlan = (ctx: ServiceContext, input: PlanInput): Promise<Plan> =>
  inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(plans)
      .values({ hubId: hubOf(tx), ...input, createdBy: tx.actor.userId })
      .returning();
    if (!row) throw new AppError("internal", "The plan was not saved");
    await recordAudit(tx.db, tx.actor, { action: "create", entity: "plan", entityId: row.id, after: input });
    return { id: row.id, title: row.title, startsOn: row.startsOn, endsOn: row.endsOn, objectives: [] };
  });

export const patchPlan = (ctx: ServiceContext, id: string, input: z.infer<typeof PlanPatch>): Promise<Plan> =>
  inTransaction(ctx, async (tx) => {
    const plan = await requirePlan(tx, id);
    const next = { ...plan, ...input };
    if (next.endsOn < next.startsOn)
      throw invalid("The plan must end after it starts", [
        { path: "endsOn", message: "The plan must end after it starts" },
      ]);
    await tx.db
      .update(plans)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(plans.hubId, hubOf(tx)), eq(plans.id, id)));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan",
      entityId: id,
      before: plan,
      after: input,
    });
    return getPlan(tx, id);
  });

const uniqueNumber = (err: unknown): never => {
  if (hasSqlState(err, "23505"))
    throw new AppError("conflict", "This plan already has an objective with that number", {
      fields: [{ path: "number", message: "This plan already has an objective with that number" }],
    });
  throw err;
};

export const addObjective = (ctx: ServiceContext, planId: string, input: z.infer<typeof ObjectiveInput>) =>
  inTransaction(ctx, async (tx) => {
    await requirePlan(tx, planId);
    const [row] = await tx.db
      .insert(planObjectives)
      .values({ hubId: hubOf(tx), planId, ...input })
      .returning()
      .catch(uniqueNumber);
    if (!row) throw new AppError("internal", "The objective was not saved");
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "plan_objective",
      entityId: row.id,
      after: input,
    });
    return { id: row.id, number: row.number, title: row.title, status: row.status, actions: [] };
  });

export const patchObjective = (
  ctx: ServiceContext,
  planId: string,
  objectiveId: string,
  input: z.infer<typeof ObjectivePatch>,
) =>
  inTransaction(ctx, async (tx) => {
    const before = await plansRepository(tx.db).objective(hubOf(tx), planId, objectiveId);
    if (!before) throw notFound("Objective");
    await tx.db
      .update(planObjectives)
      .set(input)
      .where(eq(planObjectives.id, objectiveId))
      .catch(uniqueNumber);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_objective",
      entityId: objectiveId,
      before,
      after: input,
    });
    return getPlan(tx, planId);
  });

export const addAction = (
  ctx: ServiceContext,
  planId: string,
  objectiveId: string,
  input: z.infer<typeof ActionInput>,
) =>
  inTransaction(ctx, async (tx) => {
    const objective = await plansRepository(tx.db).objective(hubOf(tx), planId, objectiveId);
    if (!objective) throw notFound("Objective");
    const [row] = await tx.db
      .insert(planActions)
      .values({
        hubId: hubOf(tx),
        planId,
        objectiveId,
        position: sql`(select coalesce(max(position), 0) + 1 from plan_actions where objective_id = ${objectiveId})`,
        ...input,
      })
      .returning();
    if (!row) throw new AppError("internal", "The action was not saved");
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "plan_action",
      entityId: row.id,
      after: input,
    });
    return { id: row.id, text: row.text, lead: row.lead, targets: [] };
  });

export const patchAction = (
  ctx: ServiceContext,
  planId: string,
  actionId: string,
  input: z.infer<typeof ActionPatch>,
) =>
  inTransaction(ctx, async (tx) => {
    const before = await plansRepository(tx.db).action(hubOf(tx), planId, actionId);
    if (!before) throw notFound("Action");
    await tx.db.update(planActions).set(input).where(eq(planActions.id, actionId));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_action",
      entityId: actionId,
      before,
      after: input,
    });
    return getPlan(tx, planId);
  });

/** An owner must be an admin or staff member of the hub. */
const checkOwner = async (ctx: ServiceContext, ownerId: string | null | undefined) => {
  if (!ownerId) return;
  const [m] = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.hubId, hubOf(ctx)), eq(memberships.userId, ownerId)));
  if (!m || (m.role !== "hub_admin" && m.role !== "hub_staff"))
    throw invalid("Choose an owner from the hub's team", [
      { path: "ownerId", message: "Choose an owner from the hub's team" },
    ]);
};

export const addTarget = (
  ctx: ServiceContext,
  planId: string,
  actionId: string,
  input: z.infer<typeof TargetInput>,
) =>
  inTransaction(ctx, async (tx) => {
    const action = await plansRepository(tx.db).action(hubOf(tx), planId, actionId);
    if (!action) throw notFound("Action");
    await checkOwner(tx, input.ownerId);
    const [row] = await tx.db
      .insert(planTargets)
      .values({
        hubId: hubOf(tx),
        planId,
        actionId,
        position: sql`(select coalesce(max(position), 0) + 1 from plan_targets where action_id = ${actionId})`,
        ...input,
        byWhen: input.byWhen ?? null,
        ownerId: input.ownerId ?? null,
      })
      .returning();
    if (!row) throw new AppError("internal", "The target was not saved");
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "plan_target",
      entityId: row.id,
      after: input,
    });
    return row;
  });

const revisionOf = (t: typeof planTargets.$inferSelect): TargetRevision => ({
  text: t.text,
  byWhen: t.byWhen,
  measure: t.measure,
  goal: t.goal,
  deadline: t.deadline,
  status: t.status,
  retired: t.retired,
});

/**
 * Changes a target (its wording, its binding to a measure with a goal and a deadline, its
 * status…), keeping what it was before as a revision: a target's history is never lost.
 */
export const reviseTarget = async (
  tx: ServiceContext,
  planId: string,
  targetId: string,
  input: TargetPatch & { retired?: boolean },
) => {
  const before = await plansRepository(tx.db).target(hubOf(tx), planId, targetId);
  if (!before) throw notFound("Target");
  const { reason, ...fields } = input;
  if (fields.measure) {
    const entry = catalogueEntry(fields.measure);
    if (!entry)
      throw invalid("Choose a measure from the catalogue", [
        { path: "measure", message: "Choose a measure from the catalogue" },
      ]);
    const goal = fields.goal ?? before.goal;
    if (goal === null || goal === undefined)
      throw invalid("Give the goal the measure should reach", [
        { path: "goal", message: "Give the goal the measure should reach" },
      ]);
    if (entry.unit === "share" && (goal < 0 || goal > 1))
      throw invalid("A share's goal is between 0 and 1 (0.6 is 60%)", [
        { path: "goal", message: "A share's goal is between 0 and 1 (0.6 is 60%)" },
      ]);
    if (!(fields.deadline ?? before.deadline))
      throw invalid("Give the deadline for the goal", [
        { path: "deadline", message: "Give the deadline for the goal" },
      ]);
  }
  await checkOwner(tx, fields.ownerId);
  const set: Partial<typeof planTargets.$inferInsert> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) Object.assign(set, { [k]: v });
  if (fields.measure === null) Object.assign(set, { goal: null, deadline: null });
  await tx.db.insert(planTargetRevisions).values({
    hubId: hubOf(tx),
    targetId,
    version: before.version,
    before: revisionOf(before),
    reason: reason ?? null,
    by: tx.actor.userId,
    at: tx.clock(),
  });
  await tx.db
    .update(planTargets)
    .set({ ...set, version: before.version + 1, updatedAt: new Date() })
    .where(eq(planTargets.id, targetId));
  await recordAudit(tx.db, tx.actor, {
    action: "update",
    entity: "plan_target",
    entityId: targetId,
    before: revisionOf(before),
    after: set,
  });
};

/** PATCH a target: bind it (`measure`, `goal`, `deadline`) or edit it; answers it with its value now. */
export const patchTarget = async (
  ctx: ServiceContext,
  planId: string,
  targetId: string,
  input: TargetPatch,
) => {
  await inTransaction(ctx, (tx) => reviseTarget(tx, planId, targetId, input));
  return targetDetail(ctx, planId, targetId);
};

export const targetDetail = async (ctx: ServiceContext, planId: string, targetId: string) => {
  const plan = await getPlan(ctx, planId);
  const target = plan.objectives
    .flatMap((o) => o.actions.flatMap((a) => a.targets))
    .find((t) => t.id === targetId);
  if (!target) throw notFound("Target");
  const revisions = await ctx.db
    .select()
    .from(planTargetRevisions)
    .where(and(eq(planTargetRevisions.hubId, hubOf(ctx)), eq(planTargetRevisions.targetId, targetId)))
    .orderBy(desc(planTargetRevisions.version));
  return {
    target,
    revisions: revisions.map((r) => ({
      version: r.version,
      at: r.at.toISOString(),
      reason: r.reason,
      before: r.before,
    })),
  };
};
