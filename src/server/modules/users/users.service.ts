import type { Paged } from "../../../shared/schemas/common";
import type { InviteRequest, Member, MemberListQuery, MemberPatch } from "../../../shared/schemas/users";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden } from "../../platform/errors";
import { endSessionsOf, issueInvitation } from "../auth/auth.service";
import { canManageUsers, canPickHubRecords } from "./users.policy";
import { usersRepository } from "./users.repository";

export const listMembers = async (ctx: ServiceContext, q: MemberListQuery): Promise<Paged<Member>> => {
  if (!canManageUsers(ctx.actor)) throw forbidden();
  const { items, total } = await usersRepository(ctx.db).list(ctx.actor.hubId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
};

const checkBinding = async (
  ctx: ServiceContext,
  role: Member["role"],
  schoolId: string | null | undefined,
  partnerId: string | null | undefined,
) => {
  const repo = usersRepository(ctx.db);
  if (role === "school_user") {
    if (!schoolId || !(await repo.schoolInHub(ctx.actor.hubId, schoolId)))
      throw new AppError("invalid", "Choose a school of this hub", {
        fields: [{ path: "schoolId", message: "Choose a school of this hub" }],
      });
  }
  if (role === "partner_user") {
    if (!partnerId || !(await repo.partnerInHub(ctx.actor.hubId, partnerId)))
      throw new AppError("invalid", "Choose a partner organisation of this hub", {
        fields: [{ path: "partnerId", message: "Choose a partner organisation of this hub" }],
      });
  }
  return {
    schoolId: role === "school_user" ? (schoolId ?? null) : null,
    partnerId: role === "partner_user" ? (partnerId ?? null) : null,
  };
};

/**
 * Invites a person to the hub: a pending membership that only the person's acceptance, through
 * the e-mailed link, makes active (decision 010). A new address gets an account, and the reply
 * carries the link too (the hub made the account just now). For an address that already has an
 * account the reply says nothing about it and carries no link: it goes by e-mail only.
 */
export const inviteMember = async (
  ctx: ServiceContext,
  input: InviteRequest,
): Promise<{ member: Member; inviteUrl: string | null }> => {
  if (!canManageUsers(ctx.actor)) throw forbidden();
  const binding = await checkBinding(ctx, input.role, input.schoolId, input.partnerId);
  const { userId, created, existingAccount } = await inTransaction(ctx, async (tx) => {
    const repo = usersRepository(tx.db);
    let user = await repo.userByEmail(input.email);
    if (user && (await repo.membershipRow(ctx.actor.hubId, user.id)))
      throw new AppError("conflict", `${input.email} is already a member of this hub`, {
        fields: [{ path: "email", message: "Already a member of this hub" }],
      });
    const created = !user;
    if (!user) {
      user = await repo.createUser({ email: input.email, name: input.name });
      await recordAudit(tx.db, ctx.actor, {
        action: "create",
        entity: "user",
        entityId: user.id,
        after: { email: user.email, name: user.name },
      });
    }
    const membership = await repo.createMembership({
      userId: user.id,
      hubId: ctx.actor.hubId,
      role: input.role,
      ...binding,
      acceptedAt: null,
      invitedName: input.name,
    });
    await recordAudit(tx.db, ctx.actor, {
      action: "create",
      entity: "membership",
      entityId: user.id,
      after: {
        email: user.email,
        role: membership.role,
        schoolId: membership.schoolId,
        partnerId: membership.partnerId,
        status: "invited",
      },
    });
    return { userId: user.id, created, existingAccount: user.passwordHash !== null };
  });
  const link = await issueInvitation(ctx, {
    userId,
    email: input.email,
    name: input.name,
    hubId: ctx.actor.hubId,
    hubName: ctx.actor.hubName,
    role: input.role,
    invitedBy: ctx.actor.userId,
    existingAccount,
    madeByThisHub: created,
  });
  const member = await usersRepository(ctx.db).member(ctx.actor.hubId, userId);
  if (!member) throw new AppError("internal", "The member could not be read back");
  return { member, inviteUrl: created ? link : null };
};

export const updateMember = async (
  ctx: ServiceContext,
  userId: string,
  patch: MemberPatch,
): Promise<Member> => {
  if (!canManageUsers(ctx.actor)) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = usersRepository(tx.db);
    // The hub's admins first, then the member (always in this order, so concurrent edits wait
    // for each other instead of deadlocking): the "before" audited is the row as it was changed.
    const admins = await repo.activeAdminCount(ctx.actor.hubId);
    const before = await repo.membershipRow(ctx.actor.hubId, userId, { lock: true });
    if (!before) throw new AppError("not_found", "That person is not a member of this hub");
    const role = patch.role ?? before.role;
    const active = patch.active ?? before.active;
    const losesAdmin = before.role === "hub_admin" && before.active && (role !== "hub_admin" || !active);
    if (losesAdmin && admins <= 1)
      throw new AppError("conflict", "A hub needs at least one active hub admin");
    const binding = await checkBinding(
      tx,
      role,
      patch.schoolId !== undefined ? patch.schoolId : before.schoolId,
      patch.partnerId !== undefined ? patch.partnerId : before.partnerId,
    );
    const after = await repo.updateMembership(ctx.actor.hubId, userId, { role, active, ...binding });
    if (!after) throw new AppError("not_found", "That person is not a member of this hub");
    // Deactivation ends the person's sessions: reactivating later revives none (decision 010).
    if (before.active && !after.active) await endSessionsOf(tx.db, userId);
    await recordAudit(tx.db, ctx.actor, {
      action: "update",
      entity: "membership",
      entityId: userId,
      before: {
        role: before.role,
        active: before.active,
        schoolId: before.schoolId,
        partnerId: before.partnerId,
      },
      after: { role: after.role, active: after.active, schoolId: after.schoolId, partnerId: after.partnerId },
    });
    const member = await repo.member(ctx.actor.hubId, userId);
    if (!member) throw new AppError("internal", "The member could not be read back");
    return member;
  });
};

export const schoolOptions = async (ctx: ServiceContext, q: string | undefined) => {
  if (!canPickHubRecords(ctx.actor)) throw forbidden();
  return usersRepository(ctx.db).schoolOptions(ctx.actor.hubId, q);
};

export const partnerOptions = async (ctx: ServiceContext, q: string | undefined) => {
  if (!canPickHubRecords(ctx.actor)) throw forbidden();
  return usersRepository(ctx.db).partnerOptions(ctx.actor.hubId, q);
};
