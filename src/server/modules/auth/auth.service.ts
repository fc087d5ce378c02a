import type { Membership, MeResponse } from "../../../shared/schemas/auth";
import { ROLE_LABELS } from "../../../shared/schemas/auth";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../platform/actor";
import type { Deps } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { hashPassword, verifyPassword } from "../../platform/passwords";
import { hashToken, newToken } from "../../platform/tokens";
import { authRepository, findSessionWithUser } from "./auth.repository";

export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MINUTES = 15;
const INVITE_DAYS = 14;
const RESET_HOURS = 2;

export type SessionInfo = {
  idHash: string;
  csrfToken: string;
  user: { id: string; email: string; name: string };
  memberships: Membership[];
  current: Membership | null;
};

export const actorOf = (s: SessionInfo): Actor | undefined =>
  s.current
    ? {
        userId: s.user.id,
        name: s.user.name,
        email: s.user.email,
        hubId: s.current.hubId,
        hubName: s.current.hubName,
        hubSlug: s.current.hubSlug,
        role: s.current.role,
        schoolId: s.current.schoolId,
        partnerId: s.current.partnerId,
      }
    : undefined;

export const presentMe = (s: SessionInfo): MeResponse => ({
  user: s.user,
  memberships: s.memberships,
  currentHub: s.current,
  csrfToken: s.csrfToken,
});

const sessionHash = (deps: Deps, token: string) => hashToken(token, deps.config.sessionSecret);

const openSession = async (
  deps: Deps,
  userId: string,
  hubId: string | null,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> => {
  const token = newToken();
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
  await authRepository(deps.db).createSession({
    idHash: sessionHash(deps, token),
    userId,
    currentHubId: hubId,
    csrfToken: newToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
};

/** Checks e-mail and password, with a limit on failed attempts per e-mail address. */
export const signIn = async (
  deps: Deps,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; session: SessionInfo }> => {
  const repo = authRepository(deps.db);
  const now = deps.clock();
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000);
  if ((await repo.failedAttemptsSince(input.email, since)) >= MAX_FAILED_ATTEMPTS)
    throw new AppError(
      "rate_limited",
      `Too many failed sign-in attempts for this e-mail address. Wait ${ATTEMPT_WINDOW_MINUTES} minutes and try again, or reset your password.`,
    );
  const user = await repo.userByEmail(input.email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) {
    await repo.recordFailedAttempt(input.email, input.ip, now);
    throw new AppError("unauthenticated", "The e-mail address or password is not right");
  }
  const memberships = await repo.memberships(user.id);
  const first = memberships[0];
  if (!first) throw new AppError("forbidden", "Your account is not active in any hub. Ask your hub admin.");
  await repo.clearFailedAttempts(input.email);
  await repo.setLastSignIn(user.id, now);
  const { token, expiresAt } = await openSession(deps, user.id, first.hubId, input);
  const session = await resolveSession(deps, token);
  if (!session) throw new AppError("internal", "The session could not be opened");
  return { token, expiresAt, session };
};

/** The session behind a cookie token, or undefined when unknown or expired. */
export const resolveSession = async (deps: Deps, token: string): Promise<SessionInfo | undefined> => {
  const idHash = sessionHash(deps, token);
  // Session, user and memberships in one query: this runs on every request (and so does not
  // build the whole repository, whose dozen functions cost more than the query's parameters).
  const found = await findSessionWithUser(deps.db, idHash);
  const now = deps.clock();
  if (!found) return undefined;
  const { session: row, user, memberships } = found;
  if (row.expiresAt <= now) {
    await authRepository(deps.db).deleteSession(idHash);
    return undefined;
  }
  if (memberships.length === 0) return undefined;
  const current = memberships.find((m) => m.hubId === row.currentHubId) ?? memberships[0] ?? null;
  // Sliding expiry, written at most once an hour.
  if (now.getTime() - row.lastSeenAt.getTime() > 3_600_000)
    await authRepository(deps.db).touchSession(
      idHash,
      now,
      new Date(now.getTime() + deps.config.sessionDays * 86_400_000),
    );
  return {
    idHash,
    csrfToken: row.csrfToken,
    user: { id: user.id, email: user.email, name: user.name },
    memberships,
    current,
  };
};

export const signOut = async (deps: Deps, session: SessionInfo): Promise<void> => {
  await authRepository(deps.db).deleteSession(session.idHash);
};

export const switchHub = async (deps: Deps, session: SessionInfo, hubId: string): Promise<SessionInfo> => {
  const target = session.memberships.find((m) => m.hubId === hubId);
  if (!target) throw new AppError("not_found", "You are not a member of that hub");
  await authRepository(deps.db).setSessionHub(session.idHash, hubId);
  return { ...session, current: target };
};

/** A one-time link that sets a new password, valid for RESET_HOURS. */
export const createResetLink = async (
  deps: Pick<Deps, "db" | "clock" | "config">,
  user: { id: string },
): Promise<string> => {
  const token = newToken();
  await authRepository(deps.db).createToken({
    kind: "reset",
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt: new Date(deps.clock().getTime() + RESET_HOURS * 3_600_000),
  });
  return `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
};

/**
 * E-mails a reset link. Always answers the same, whether or not the address is known. The
 * message belongs to no hub, so hub admins never see another person's reset link in the outbox;
 * without SMTP an operator prints one with `tutti user reset-link`.
 */
export const requestPasswordReset = async (deps: Deps, email: string): Promise<void> => {
  const user = await authRepository(deps.db).userByEmail(email);
  if (!user?.passwordHash) return;
  const link = await createResetLink(deps, user);
  await deps.mailer.send({
    hubId: null,
    to: user.email,
    subject: "Reset your Tutti password",
    text: `Hello ${user.name},\n\nSomeone asked to reset the password of your Tutti account. If it was you, follow this link within ${RESET_HOURS} hours to choose a new password:\n\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
  });
};

export const completePasswordReset = async (deps: Deps, token: string, password: string): Promise<void> => {
  await deps.db.transaction(async (tx) => {
    const repo = authRepository(tx);
    const row = await repo.usableToken("reset", hashToken(token), deps.clock());
    if (!row)
      throw new AppError("not_found", "This reset link has expired or has been used. Ask for a new one.");
    await repo.useToken(row.id, deps.clock());
    await repo.setPassword(row.userId, await hashPassword(password));
    await repo.deleteSessionsOfUser(row.userId);
    await repo.clearFailedAttempts((await repo.userById(row.userId))?.email ?? "");
  });
};

/** Creates an invitation token and e-mails the link. Returns the link. */
export const issueInvitation = async (
  deps: {
    db: DbOrTx;
    clock: () => Date;
    config: { publicUrl: string };
    mailer: Deps["mailer"];
  },
  input: {
    userId: string;
    email: string;
    name: string;
    hubId: string;
    hubName: string;
    role: Membership["role"];
    invitedBy: string | null;
  },
): Promise<string> => {
  const token = newToken();
  const now = deps.clock();
  await authRepository(deps.db).createToken({
    kind: "invite",
    tokenHash: hashToken(token),
    userId: input.userId,
    hubId: input.hubId,
    createdBy: input.invitedBy,
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
  });
  const link = `${deps.config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    hubId: input.hubId,
    to: input.email,
    subject: `You are invited to ${input.hubName} on Tutti`,
    text: `Hello ${input.name},\n\nYou have been invited to join ${input.hubName} on Tutti as ${ROLE_LABELS[input.role].toLowerCase()}. Follow this link within ${INVITE_DAYS} days to set your password and sign in:\n\n${link}\n`,
  });
  return link;
};

export const invitationInfo = async (deps: Deps, token: string) => {
  const repo = authRepository(deps.db);
  const row = await repo.usableToken("invite", hashToken(token), deps.clock());
  if (!row?.hubId) throw new AppError("not_found", "This invitation has expired or has been used");
  const [user, hub, membership] = await Promise.all([
    repo.userById(row.userId),
    repo.hubById(row.hubId),
    repo.membership(row.userId, row.hubId),
  ]);
  if (!user || !hub || !membership?.active)
    throw new AppError("not_found", "This invitation is no longer valid");
  return { row, user, hub, membership };
};

export const acceptInvitation = async (
  deps: Deps,
  input: { token: string; name: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; session: SessionInfo }> => {
  const info = await invitationInfo(deps, input.token);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    const repo = authRepository(tx);
    await repo.useToken(info.row.id, deps.clock());
    await repo.setPassword(info.user.id, passwordHash, input.name);
    await repo.setLastSignIn(info.user.id, deps.clock());
  });
  const opened = await openSession(deps, info.user.id, info.hub.id, input);
  const session = await resolveSession(deps, opened.token);
  if (!session) throw new AppError("internal", "The session could not be opened");
  return { ...opened, session };
};
