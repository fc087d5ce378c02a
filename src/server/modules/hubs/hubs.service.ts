import { and, eq } from "drizzle-orm";
import type { Role } from "../../../shared/schemas/auth";
import type { Hub, HubPatch } from "../../../shared/schemas/hubs";
import type { Db } from "../../db/client";
import { memberships, users } from "../../db/schema/index";
import { type Actor, systemActor } from "../../platform/actor";
import { changedFields, recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden } from "../../platform/errors";
import { hashPassword } from "../../platform/passwords";
import { hubsRepository } from "./hubs.repository";

export const getCurrentHub = async (ctx: ServiceContext): Promise<Hub> => {
  const repo = hubsRepository(ctx.db);
  const hub = await repo.byId(ctx.actor.hubId);
  if (!hub) throw new AppError("not_found", "Hub was not found");
  return {
    id: hub.id,
    name: hub.name,
    slug: hub.slug,
    laCodes: hub.laCodes,
    areas: await repo.areas(hub.id),
    brandColour: hub.brandColour,
    areaServed: hub.areaServed,
    publicEmail: hub.publicEmail,
  };
};

export const updateCurrentHub = async (ctx: ServiceContext, patch: HubPatch): Promise<Hub> => {
  if (ctx.actor.role !== "hub_admin") throw forbidden();
  await inTransaction(ctx, async (tx) => {
    const repo = hubsRepository(tx.db);
    await repo.lockForWrites(ctx.actor.hubId);
    const before = await repo.byId(ctx.actor.hubId);
    if (!before) throw new AppError("not_found", "Hub was not found");
    const orNull = (v: string | null | undefined, was: string | null) => (v === undefined ? was : v || null);
    const next = {
      name: patch.name ?? before.name,
      laCodes: patch.laCodes ? [...new Set(patch.laCodes)].sort() : before.laCodes,
      brandColour: patch.brandColour?.toLowerCase() ?? before.brandColour,
      areaServed: orNull(patch.areaServed, before.areaServed),
      publicEmail: orNull(patch.publicEmail, before.publicEmail),
    };
    const diff = changedFields(
      {
        name: before.name,
        laCodes: before.laCodes,
        brandColour: before.brandColour,
        areaServed: before.areaServed,
        publicEmail: before.publicEmail,
      },
      next,
    );
    if (!diff) return;
    await repo.update(before.id, next);
    await recordAudit(tx.db, ctx.actor, { action: "update", entity: "hub", entityId: before.id, ...diff });
  });
  return getCurrentHub(ctx);
};

/** Creates a hub (command line). Refuses a slug already taken. */
export const createHub = async (
  db: Db,
  input: { name: string; slug: string; laCodes?: string[]; isDemo?: boolean },
) => {
  return db.transaction(async (tx) => {
    const repo = hubsRepository(tx);
    if (await repo.bySlug(input.slug))
      throw new AppError("conflict", `A hub with the slug "${input.slug}" already exists`);
    const hub = await repo.create({
      name: input.name,
      slug: input.slug,
      laCodes: input.laCodes ?? [],
      isDemo: input.isDemo ?? false,
    });
    await recordAudit(tx, systemActor(hub), {
      action: "create",
      entity: "hub",
      entityId: hub.id,
      after: { name: hub.name, slug: hub.slug, laCodes: hub.laCodes },
    });
    return hub;
  });
};

/**
 * Adds a person to a hub with a role (command line and demo). With a password the account is
 * ready to sign in; without one the caller issues an invitation.
 */
export const addUserToHub = async (
  db: Db,
  actor: Actor,
  input: {
    email: string;
    name: string;
    role: Role;
    password?: string;
    /** Instead of `password`: its hash, made beforehand (the demo hashes its four at once). */
    passwordHash?: string;
    schoolId?: string | null;
    partnerId?: string | null;
  },
) => {
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eqEmail(input.email)).limit(1);
    let user = existing;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning();
      if (!user) throw new Error("user not created");
      await recordAudit(tx, actor, {
        action: "create",
        entity: "user",
        entityId: user.id,
        after: { email: user.email, name: user.name },
      });
    } else if (passwordHash) {
      throw new AppError("conflict", `${input.email} already has an account; it was left as it was`);
    }
    const [already] = await tx.select().from(memberships).where(eqMembership(user.id, actor.hubId)).limit(1);
    if (already) throw new AppError("conflict", `${input.email} is already a member of ${actor.hubName}`);
    const [m] = await tx
      .insert(memberships)
      .values({
        userId: user.id,
        hubId: actor.hubId,
        role: input.role,
        schoolId: input.schoolId ?? null,
        partnerId: input.partnerId ?? null,
        // With a password (given now or already theirs) the membership is ready; without one it
        // waits for the invitation the caller issues (decision 010).
        acceptedAt: user.passwordHash ? new Date() : null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "membership",
      entityId: user.id,
      after: {
        email: user.email,
        role: m?.role,
        schoolId: m?.schoolId ?? null,
        partnerId: m?.partnerId ?? null,
      },
    });
    return { user, needsPassword: !user.passwordHash };
  });
};

const eqEmail = (email: string) => eq(users.email, email);
const eqMembership = (userId: string, hubId: string) =>
  and(eq(memberships.userId, userId), eq(memberships.hubId, hubId));
