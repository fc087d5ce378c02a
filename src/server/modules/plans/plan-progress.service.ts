import type { Readable } from "node:stream";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  DecisionInput,
  GovernanceReport,
  PlanUpdate,
  Review,
  ReviewInput,
  UpdateInput,
} from "../../../shared/schemas/plans";
import {
  files,
  planFiles,
  planMeasureSnapshots,
  planReviewDecisions,
  planReviews,
  planTargets,
  planUpdates,
  users,
} from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, invalid, notFound } from "../../platform/errors";
import { requireContent, sniffContent } from "../../platform/storage";
import { snapshotHub } from "./plan-snapshots";
import { getPlan, requirePlan, reviseTarget } from "./plans.service";

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

const readAll = async (body: Readable, max: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > max) throw new AppError("too_large", `The file is larger than ${max / 1024 / 1024} MB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
};

/** Keeps a file of evidence for the plan's updates (its real content decides whether it is taken). */
export const uploadEvidence = async (
  ctx: ServiceContext,
  planId: string,
  upload: { filename: string; body: Readable },
): Promise<{ id: string; name: string }> => {
  await requirePlan(ctx, planId);
  const bytes = await readAll(upload.body, EVIDENCE_MAX_BYTES);
  await requireContent(bytes.subarray(0, 4100), ["pdf", "image", "docx", "xlsx", "csv"], "Evidence");
  const { mime } = await sniffContent(bytes.subarray(0, 4100));
  const stored = await ctx.files.put(bytes, { prefix: `plans/${ctx.actor.hubId}` });
  const name = upload.filename.replace(/[\\/]/g, "_").slice(0, 200) || "file";
  return inTransaction(ctx, async (tx) => {
    const [file] = await tx.db
      .insert(files)
      .values({
        hubId: tx.actor.hubId,
        name,
        contentType: mime,
        size: stored.size,
        sha256: stored.sha256,
        createdBy: tx.actor.userId,
      })
      .returning();
    if (!file) throw new AppError("internal", "The file was not saved");
    await tx.db.insert(planFiles).values({ fileId: file.id, hubId: tx.actor.hubId, planId, key: stored.key });
    return { id: file.id, name };
  });
};

export const downloadEvidence = async (ctx: ServiceContext, planId: string, fileId: string) => {
  const [row] = await ctx.db
    .select({ key: planFiles.key, name: files.name, contentType: files.contentType })
    .from(planFiles)
    .innerJoin(files, eq(files.id, planFiles.fileId))
    .where(
      and(eq(planFiles.hubId, ctx.actor.hubId), eq(planFiles.planId, planId), eq(planFiles.fileId, fileId)),
    );
  if (!row) throw notFound("File");
  return { name: row.name, contentType: row.contentType, body: await ctx.files.get(row.key) };
};

const requireTarget = async (ctx: ServiceContext, planId: string, targetId: string) => {
  const [t] = await ctx.db
    .select()
    .from(planTargets)
    .where(
      and(
        eq(planTargets.hubId, ctx.actor.hubId),
        eq(planTargets.planId, planId),
        eq(planTargets.id, targetId),
      ),
    );
  if (!t)
    throw invalid("Choose a target of this plan", [
      { path: "targetId", message: "Choose a target of this plan" },
    ]);
  return t;
};

export const listUpdates = async (
  ctx: ServiceContext,
  planId: string,
  targetId?: string,
): Promise<PlanUpdate[]> => {
  await requirePlan(ctx, planId);
  const rows = await ctx.db
    .select({ u: planUpdates, targetText: planTargets.text })
    .from(planUpdates)
    .innerJoin(planTargets, eq(planTargets.id, planUpdates.targetId))
    .where(
      and(
        eq(planUpdates.hubId, ctx.actor.hubId),
        eq(planUpdates.planId, planId),
        targetId ? eq(planUpdates.targetId, targetId) : undefined,
      ),
    )
    .orderBy(desc(planUpdates.at));
  const ids = [...new Set(rows.flatMap((r) => r.u.fileIds))];
  const names = ids.length
    ? await ctx.db.select({ id: files.id, name: files.name }).from(files).where(inArray(files.id, ids))
    : [];
  return rows.map(({ u, targetText }) => ({
    id: u.id,
    targetId: u.targetId,
    targetText,
    text: u.text,
    links: u.links,
    files: u.fileIds.flatMap((id) => names.filter((n) => n.id === id)),
    status: u.status,
    authorName: u.authorName,
    at: u.at.toISOString(),
  }));
};

/** An owner's progress update with its evidence; a status given becomes the target's status. */
export const postUpdate = async (ctx: ServiceContext, planId: string, input: z.infer<typeof UpdateInput>) => {
  await requirePlan(ctx, planId);
  const id = await inTransaction(ctx, async (tx) => {
    const target = await requireTarget(tx, planId, input.targetId);
    if (input.fileIds.length) {
      const found = await tx.db
        .select({ id: planFiles.fileId })
        .from(planFiles)
        .where(
          and(
            eq(planFiles.hubId, tx.actor.hubId),
            eq(planFiles.planId, planId),
            inArray(planFiles.fileId, input.fileIds),
          ),
        );
      if (found.length !== new Set(input.fileIds).size)
        throw invalid("Attach files uploaded to this plan", [
          { path: "fileIds", message: "Attach files uploaded to this plan" },
        ]);
    }
    const [open] = await tx.db
      .select({ id: planReviews.id })
      .from(planReviews)
      .where(
        and(
          eq(planReviews.hubId, tx.actor.hubId),
          eq(planReviews.planId, planId),
          eq(planReviews.status, "open"),
        ),
      )
      .orderBy(desc(planReviews.createdAt))
      .limit(1);
    const [row] = await tx.db
      .insert(planUpdates)
      .values({
        hubId: tx.actor.hubId,
        planId,
        targetId: target.id,
        reviewId: open?.id ?? null,
        text: input.text,
        links: input.links,
        fileIds: input.fileIds,
        status: input.status ?? null,
        authorId: tx.actor.userId,
        authorName: tx.actor.name,
        at: tx.clock(),
      })
      .returning({ id: planUpdates.id });
    if (input.status && input.status !== target.status)
      await reviseTarget(tx, planId, target.id, { status: input.status, reason: "Progress update" });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "plan_update",
      entityId: row?.id ?? "",
      after: input,
    });
    return row?.id ?? "";
  });
  const list = await listUpdates(ctx, planId, input.targetId);
  const found = list.find((u) => u.id === id);
  if (!found) throw notFound("Update");
  return found;
};

const reviewView = async (
  ctx: ServiceContext,
  review: typeof planReviews.$inferSelect,
  asked: number,
): Promise<Review> => {
  const decisions = await ctx.db
    .select({ d: planReviewDecisions, text: planTargets.text })
    .from(planReviewDecisions)
    .innerJoin(planTargets, eq(planTargets.id, planReviewDecisions.targetId))
    .where(eq(planReviewDecisions.reviewId, review.id))
    .orderBy(asc(planReviewDecisions.at));
  return {
    id: review.id,
    title: review.title,
    dueOn: review.dueOn,
    status: review.status,
    asked,
    decisions: decisions.map(({ d, text }) => ({
      targetId: d.targetId,
      targetText: text,
      decision: d.decision,
      note: d.note,
    })),
  };
};

const ownersOf = (ctx: ServiceContext, planId: string) =>
  ctx.db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(planTargets)
    .innerJoin(users, eq(users.id, planTargets.ownerId))
    .where(
      and(
        eq(planTargets.hubId, ctx.actor.hubId),
        eq(planTargets.planId, planId),
        eq(planTargets.retired, false),
      ),
    );

/** Opens a review cycle and e-mails every owner of a live target, asking for an update by the due day. */
export const startReview = async (ctx: ServiceContext, planId: string, input: z.infer<typeof ReviewInput>) =>
  inTransaction(ctx, async (tx) => {
    const plan = await requirePlan(tx, planId);
    const [review] = await tx.db
      .insert(planReviews)
      .values({
        hubId: tx.actor.hubId,
        planId,
        title: input.title,
        dueOn: input.dueOn,
        createdBy: tx.actor.userId,
      })
      .returning();
    if (!review) throw new AppError("internal", "The review was not saved");
    const owners = await ownersOf(tx, planId);
    const link = `${tx.config.publicUrl}/plans/${planId}`;
    for (const o of owners)
      await tx.mailer.send({
        hubId: tx.actor.hubId,
        to: o.email,
        subject: `Update asked for: ${plan.title} (${input.title})`,
        text: `Hello ${o.name},\n\n${tx.actor.name} has opened the review "${input.title}" of ${plan.title}. Please post an update on each target you own by ${input.dueOn}: ${link}\n\nTutti`,
      });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "plan_review",
      entityId: review.id,
      after: input,
    });
    return reviewView(tx, review, owners.length);
  });

export const listReviews = async (ctx: ServiceContext, planId: string): Promise<Review[]> => {
  await requirePlan(ctx, planId);
  const rows = await ctx.db
    .select()
    .from(planReviews)
    .where(and(eq(planReviews.hubId, ctx.actor.hubId), eq(planReviews.planId, planId)))
    .orderBy(desc(planReviews.createdAt));
  const owners = (await ownersOf(ctx, planId)).length;
  return Promise.all(rows.map((r) => reviewView(ctx, r, owners)));
};

const requireReview = async (ctx: ServiceContext, planId: string, reviewId: string) => {
  const [review] = await ctx.db
    .select()
    .from(planReviews)
    .where(
      and(
        eq(planReviews.hubId, ctx.actor.hubId),
        eq(planReviews.planId, planId),
        eq(planReviews.id, reviewId),
      ),
    );
  if (!review) throw notFound("Review");
  return review;
};

/** Records the group's decision on a target: continue, revise (the old wording is kept) or retire. */
export const decide = (
  ctx: ServiceContext,
  planId: string,
  reviewId: string,
  input: z.infer<typeof DecisionInput>,
) =>
  inTransaction(ctx, async (tx) => {
    const review = await requireReview(tx, planId, reviewId);
    if (review.status === "closed") throw new AppError("conflict", "This review is closed");
    await requireTarget(tx, planId, input.targetId);
    if (input.decision === "revise") {
      if (!input.revised || Object.values(input.revised).every((v) => v === undefined))
        throw invalid("Say how the target is revised", [
          { path: "revised", message: "Say how the target is revised" },
        ]);
      await reviseTarget(tx, planId, input.targetId, {
        ...input.revised,
        reason: `Revised at ${review.title}`,
      });
    }
    if (input.decision === "retire")
      await reviseTarget(tx, planId, input.targetId, { retired: true, reason: `Retired at ${review.title}` });
    await tx.db
      .insert(planReviewDecisions)
      .values({
        hubId: tx.actor.hubId,
        reviewId,
        targetId: input.targetId,
        decision: input.decision,
        note: input.note,
        decidedBy: tx.actor.userId,
        at: tx.clock(),
      })
      .onConflictDoUpdate({
        target: [planReviewDecisions.reviewId, planReviewDecisions.targetId],
        set: { decision: input.decision, note: input.note, decidedBy: tx.actor.userId, at: tx.clock() },
      });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "plan_review_decision",
      entityId: reviewId,
      after: input,
    });
    return reviewView(tx, review, (await ownersOf(tx, planId)).length);
  });

export const closeReview = (ctx: ServiceContext, planId: string, reviewId: string) =>
  inTransaction(ctx, async (tx) => {
    const review = await requireReview(tx, planId, reviewId);
    const [closed] = await tx.db
      .update(planReviews)
      .set({ status: "closed", closedAt: tx.clock() })
      .where(eq(planReviews.id, review.id))
      .returning();
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_review",
      entityId: reviewId,
      after: { status: "closed" },
    });
    return reviewView(tx, closed ?? review, (await ownersOf(tx, planId)).length);
  });

/** Takes today's snapshot of the hub's bound measures now (the daily job does the same). */
export const snapshotNow = async (ctx: ServiceContext, planId: string) => {
  await requirePlan(ctx, planId);
  // In a transaction: once it commits, this process has heard of it, so the plan read next is fresh.
  await inTransaction(ctx, (tx) => snapshotHub(tx.db, tx.actor.hubId, tx.clock()));
  return getPlan(ctx, planId);
};

/** For governance: what moved between two days, what is at risk, what falls due, the decisions taken. */
export const governanceReport = async (
  ctx: ServiceContext,
  planId: string,
  q: { from: string; to: string },
): Promise<GovernanceReport> => {
  const plan = await getPlan(ctx, planId);
  const targets = plan.objectives
    .flatMap((o) => o.actions.flatMap((a) => a.targets))
    .filter((t) => !t.retired);
  const measures = [...new Set(targets.flatMap((t) => (t.measure ? [t.measure] : [])))];
  const snaps = measures.length
    ? await ctx.db
        .select({
          measure: planMeasureSnapshots.measure,
          on: planMeasureSnapshots.on,
          value: planMeasureSnapshots.value,
        })
        .from(planMeasureSnapshots)
        .where(
          and(
            eq(planMeasureSnapshots.hubId, ctx.actor.hubId),
            inArray(planMeasureSnapshots.measure, measures),
            gte(planMeasureSnapshots.on, q.from),
            lte(planMeasureSnapshots.on, q.to),
          ),
        )
        .orderBy(asc(planMeasureSnapshots.on))
    : [];
  const moved = targets.flatMap((t) => {
    const list = snaps.filter((s) => s.measure === t.measure);
    const first = list[0];
    const last = list.at(-1);
    return first && last && first.value !== last.value
      ? [{ targetId: t.id, text: t.text, from: first.value, to: last.value }]
      : [];
  });
  const [updates] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(planUpdates)
    .where(
      and(
        eq(planUpdates.hubId, ctx.actor.hubId),
        eq(planUpdates.planId, planId),
        gte(planUpdates.at, new Date(`${q.from}T00:00:00Z`)),
        lte(planUpdates.at, new Date(`${q.to}T23:59:59Z`)),
      ),
    );
  const decisions = await ctx.db
    .select({
      targetId: planReviewDecisions.targetId,
      text: planTargets.text,
      decision: planReviewDecisions.decision,
    })
    .from(planReviewDecisions)
    .innerJoin(planTargets, eq(planTargets.id, planReviewDecisions.targetId))
    .where(
      and(
        eq(planReviewDecisions.hubId, ctx.actor.hubId),
        eq(planTargets.planId, planId),
        gte(planReviewDecisions.at, new Date(`${q.from}T00:00:00Z`)),
        lte(planReviewDecisions.at, new Date(`${q.to}T23:59:59Z`)),
      ),
    );
  return {
    from: q.from,
    to: q.to,
    moved,
    atRisk: targets
      .filter((t) => t.status === "at_risk" || t.status === "off_track")
      .map((t) => ({ targetId: t.id, text: t.text, status: t.status })),
    due: targets.flatMap((t) =>
      t.byWhen && t.byWhen >= q.from && t.byWhen <= q.to && t.status !== "done"
        ? [{ targetId: t.id, text: t.text, byWhen: t.byWhen }]
        : [],
    ),
    updates: updates?.n ?? 0,
    decisions,
  };
};
