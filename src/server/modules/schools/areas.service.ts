import { areaForSchool } from "../../../shared/rules/area-rule";
import type { Area, AreaInput } from "../../../shared/schemas/schools";
import { type AuditInput, changedFields, recordAudit, recordAuditMany } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { hubsRepository } from "../hubs/hubs.repository";
import { areasRepository } from "./areas.repository";
import { canManageAreas } from "./schools.policy";
import { schoolsRepository } from "./schools.repository";
import { type BulkResult, type BulkSelection, lockPicked, pickSchools } from "./schools.service";

const requireAreas = (ctx: ServiceContext): void => {
  if (!canManageAreas(ctx.actor)) throw forbidden();
};

const uniqueList = (xs: string[]): string[] => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

const nameTaken = (name: string) =>
  new AppError("conflict", `There is already an area called "${name}"`, {
    fields: [{ path: "name", message: "Another area already has this name" }],
  });

export const listAreas = async (ctx: ServiceContext): Promise<Area[]> => {
  requireAreas(ctx);
  return areasRepository(ctx.db).list(ctx.actor.hubId);
};

const readBack = async (ctx: ServiceContext, id: string): Promise<Area> => {
  const area = await areasRepository(ctx.db).withCount(ctx.actor.hubId, id);
  if (!area) throw notFound("Area");
  return area;
};

export const createArea = async (ctx: ServiceContext, input: AreaInput): Promise<Area> => {
  requireAreas(ctx);
  const id = await inTransaction(ctx, async (tx) => {
    const repo = areasRepository(tx.db);
    if (await repo.byName(ctx.actor.hubId, input.name)) throw nameTaken(input.name);
    const row = await repo.insert({
      hubId: ctx.actor.hubId,
      name: input.name,
      districts: uniqueList(input.districts),
      postcodePrefixes: uniqueList(input.postcodePrefixes),
    });
    await recordAudit(tx.db, ctx.actor, {
      action: "create",
      entity: "area",
      entityId: row.id,
      after: { name: row.name, districts: row.districts, postcodePrefixes: row.postcodePrefixes },
    });
    return row.id;
  });
  return readBack(ctx, id);
};

export const updateArea = async (
  ctx: ServiceContext,
  id: string,
  patch: Partial<AreaInput>,
): Promise<Area> => {
  requireAreas(ctx);
  await inTransaction(ctx, async (tx) => {
    const repo = areasRepository(tx.db);
    await hubsRepository(tx.db).lockForWrites(ctx.actor.hubId);
    const before = await repo.byId(ctx.actor.hubId, id, { lock: true });
    if (!before) throw notFound("Area");
    if (patch.name !== undefined && patch.name.toLowerCase() !== before.name.toLowerCase()) {
      const other = await repo.byName(ctx.actor.hubId, patch.name);
      if (other && other.id !== id) throw nameTaken(patch.name);
    }
    const next = {
      name: patch.name ?? before.name,
      districts: patch.districts ? uniqueList(patch.districts) : before.districts,
      postcodePrefixes: patch.postcodePrefixes ? uniqueList(patch.postcodePrefixes) : before.postcodePrefixes,
    };
    const diff = changedFields(
      { name: before.name, districts: before.districts, postcodePrefixes: before.postcodePrefixes },
      next,
    );
    if (!diff) return;
    await repo.update(ctx.actor.hubId, id, next);
    await recordAudit(tx.db, ctx.actor, { action: "update", entity: "area", entityId: id, ...diff });
  });
  return readBack(ctx, id);
};

/** Deletes an area; its schools become unassigned (each change audited). */
export const deleteArea = async (ctx: ServiceContext, id: string): Promise<void> => {
  requireAreas(ctx);
  await inTransaction(ctx, async (tx) => {
    const repo = areasRepository(tx.db);
    await hubsRepository(tx.db).lockForWrites(ctx.actor.hubId);
    const area = await repo.byId(ctx.actor.hubId, id, { lock: true });
    if (!area) throw notFound("Area");
    const members = await repo.schoolsIn(ctx.actor.hubId, id, { lock: true });
    await schoolsRepository(tx.db).setArea(
      ctx.actor.hubId,
      members.map((s) => s.id),
      null,
      null,
    );
    await recordAuditMany(
      tx.db,
      ctx.actor,
      members.map(
        (s): AuditInput => ({
          action: "update",
          entity: "school",
          entityId: s.id,
          before: { areaId: id, areaName: area.name, areaSource: s.areaSource },
          after: { areaId: null, areaName: null, areaSource: null },
        }),
      ),
    );
    await repo.delete(ctx.actor.hubId, id);
    await recordAudit(tx.db, ctx.actor, {
      action: "delete",
      entity: "area",
      entityId: id,
      before: {
        name: area.name,
        districts: area.districts,
        postcodePrefixes: area.postcodePrefixes,
        schools: members.length,
      },
    });
  });
};

/**
 * Recomputes the area of every school whose area was not set by hand (or only of `schoolIds`)
 * from the hub's area rules, in the caller's transaction (or a new one). Schools whose area
 * changes get areaSource "rule" and an audit entry. The GIAS import calls this after an import.
 */
export const applyAreaRules = async (ctx: ServiceContext, schoolIds?: string[]): Promise<BulkResult> => {
  requireAreas(ctx);
  return inTransaction(ctx, async (tx) => {
    await hubsRepository(tx.db).lockForWrites(ctx.actor.hubId);
    const rules = await areasRepository(tx.db).all(ctx.actor.hubId);
    // No areas, no rule can place a school (and no school can have an area to lose).
    if (rules.length === 0 && schoolIds) return { changed: 0, unchanged: schoolIds.length };
    const names = new Map(rules.map((a) => [a.id, a.name]));
    const repo = schoolsRepository(tx.db);
    const candidates = await repo.forRules(ctx.actor.hubId, schoolIds);
    const wanted = candidates.flatMap((s) => {
      const areaId = areaForSchool(s, rules);
      return areaId === s.areaId ? [] : [{ school: s, areaId }];
    });
    // Compare and set: the "before" audited is the area each school had when it changed.
    const done = await repo.setAreasByRule(
      ctx.actor.hubId,
      wanted.map((c) => ({ id: c.school.id, from: c.school.areaId, areaId: c.areaId })),
    );
    const changes = wanted.filter((c) => done.has(c.school.id));
    await recordAuditMany(
      tx.db,
      ctx.actor,
      changes.map(
        (c): AuditInput => ({
          action: "update",
          entity: "school",
          entityId: c.school.id,
          before: {
            areaId: c.school.areaId,
            areaName: c.school.areaId ? (names.get(c.school.areaId) ?? null) : null,
            areaSource: c.school.areaSource,
          },
          after: {
            areaId: c.areaId,
            areaName: c.areaId ? (names.get(c.areaId) ?? null) : null,
            areaSource: "rule",
          },
        }),
      ),
    );
    return { changed: changes.length, unchanged: candidates.length - changes.length };
  });
};

/** Puts many schools in an area by hand (or takes them out of any, with null), in one transaction. */
export const assignArea = async (
  ctx: ServiceContext,
  req: BulkSelection & { areaId: string | null },
): Promise<BulkResult> => {
  requireAreas(ctx);
  const chosen = await pickSchools(ctx, req);
  return inTransaction(ctx, async (tx) => {
    const repo = areasRepository(tx.db);
    const area = req.areaId ? await repo.byId(ctx.actor.hubId, req.areaId) : null;
    if (req.areaId && !area)
      throw invalid("Choose an area of this hub", [
        { path: "areaId", message: "Choose an area of this hub" },
      ]);
    const target = area?.id ?? null;
    const names = new Map((await repo.all(ctx.actor.hubId)).map((a) => [a.id, a.name]));
    const picked = await lockPicked(tx, chosen);
    const changed = picked.filter((s) => s.areaId !== target || s.areaSource !== "hand");
    await schoolsRepository(tx.db).setArea(
      ctx.actor.hubId,
      changed.map((s) => s.id),
      target,
      "hand",
    );
    await recordAuditMany(
      tx.db,
      ctx.actor,
      changed.map((s): AuditInput => {
        const diff = changedFields(
          {
            areaId: s.areaId,
            areaName: s.areaId ? (names.get(s.areaId) ?? null) : null,
            areaSource: s.areaSource,
          },
          { areaId: target, areaName: area?.name ?? null, areaSource: "hand" },
        );
        return {
          action: "update",
          entity: "school",
          entityId: s.id,
          before: { ...diff?.before, areaId: s.areaId },
          after: { ...diff?.after, areaId: target, areaName: area?.name ?? null },
        };
      }),
    );
    return { changed: changed.length, unchanged: picked.length - changed.length };
  });
};
