import { inSentence } from "../../../shared/messages";
import { passwordProblem } from "../../../shared/rules/password-rule";
import type { Membership, MeResponse } from "../../../shared/schemas/auth";
import { ROLE_LABELS } from "../../../shared/schemas/auth";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit";
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

const lockedOut = () =>
  new AppError(
    "rate_limited",
    `Too many failed sign-in attempts for this e-mail address. Wait ${ATTEMPT_WINDOW_MINUTES} minutes and try again, or reset your password: the reset link signs you in.`,
  );

/**
 * Checks an address's password within its limit of failed attempts: a guess is taken before the
 * password is checked (so parallel attempts get no more than MAX_FAILED_ATTEMPTS between them)
 * and given back when the password is right. Throws 429 when none is left, 401 when wrong.
 */
const checkPassword = async (deps: Deps, email: string, password: string, ip: string | null) => {
  const repo = authRepository(deps.db);
  const now = deps.clock();
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000);
  if (!(await repo.reserveAttempt(email, ip, now, since, MAX_FAILED_ATTEMPTS))) throw lockedOut();
  const user = await repo.userByEmail(email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) throw new AppError("unauthenticated", "The e-mail address or password is not right");
  await repo.clearFailedAttempts(email);
  return user;
};

/** Opens a session in the first hub of the person (or the given one) and resolves it. */
const openResolvedSession = async (
  deps: Deps,
  userId: string,
  hubId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; session: SessionInfo }> => {
  const opened = await openSession(deps, userId, hubId, meta);
  const session = await resolveSession(deps, opened.token);
  if (!session) throw new AppError("internal", "The session could not be opened");
  return { ...opened, session };
};

/** Checks e-mail and password, with a limit on failed attempts per e-mail address. */
export const signIn = async (
  deps: Deps,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; session: SessionInfo }> => {
  const user = await checkPassword(deps, input.email, input.password, input.ip);
  const repo = authRepository(deps.db);
  const memberships = await repo.memberships(user.id);
  const first = memberships[0];
  if (!first) throw new AppError("forbidden", "Your account is not active in any hub. Ask your hub admin.");
  await repo.setLastSignIn(user.id, deps.clock());
  return openResolvedSession(deps, user.id, first.hubId, input);
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

const pending = new Set<Promise<void>>();

/**
 * Starts `requestPasswordReset` without waiting for it, so the answer goes out before any
 * lookup or mail: known and unknown addresses are answered alike and at once (decision 010).
 * Failures go to `onError`.
 */
export const requestPasswordResetInBackground = (
  deps: Deps,
  email: string,
  onError: (err: unknown) => void,
): void => {
  const work = requestPasswordReset(deps, email)
    .catch(onError)
    .finally(() => pending.delete(work));
  pending.add(work);
};

/** Waits for the work started in the background (the app's close waits for it). */
export const backgroundWorkDone = async (): Promise<void> => {
  await Promise.allSettled([...pending]);
};

const invalidPassword = (message: string) =>
  new AppError("invalid", message, { fields: [{ path: "password", message }] });

/** The account a usable reset link is for (so the form can apply the password rule). */
export const resetLinkInfo = async (deps: Deps, token: string): Promise<{ email: string }> => {
  const repo = authRepository(deps.db);
  const row = await repo.usableToken("reset", hashToken(token), deps.clock());
  const user = row ? await repo.userById(row.userId) : undefined;
  if (!user)
    throw new AppError("not_found", "This reset link has expired or has been used. Ask for a new one.");
  return { email: user.email };
};

/**
 * Sets a new password through a reset link, ends every session of the account and opens a new
 * one (so a person locked out by someone else's failed guesses gets in: decision 010). The
 * session is undefined when the account is active in no hub.
 */
export const completePasswordReset = async (
  deps: Deps,
  input: { token: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; session: SessionInfo } | undefined> => {
  const { email } = await resetLinkInfo(deps, input.token);
  const problem = passwordProblem(input.password, email);
  if (problem) throw invalidPassword(problem);
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.db.transaction(async (tx) => {
    const repo = authRepository(tx);
    const now = deps.clock();
    const row = await repo.consumeToken("reset", hashToken(input.token), now);
    if (!row)
      throw new AppError("not_found", "This reset link has expired or has been used. Ask for a new one.");
    await repo.setPassword(row.userId, passwordHash, now);
    await repo.deleteSessionsOfUser(row.userId);
    await repo.clearFailedAttempts((await repo.userById(row.userId))?.email ?? "");
    return row.userId;
  });
  const first = (await authRepository(deps.db).memberships(userId))[0];
  if (!first) return undefined;
  return openResolvedSession(deps, userId, first.hubId, input);
};

/**
 * Creates an invitation token for one membership and e-mails the link. Returns the link, which
 * the caller may show only when its hub made the account just now (decision 010).
 */
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
    /** The account has a password: the link accepts with it instead of setting one. */
    existingAccount: boolean;
    /**
     * The inviting hub made the account just now. Otherwise the message belongs to no hub, so
     * the link is in no hub's outbox: it reaches the person only (decision 010).
     */
    madeByThisHub: boolean;
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
  const how = input.existingAccount
    ? "accept with the password of your Tutti account"
    : "set your password and sign in";
  await deps.mailer.send({
    hubId: input.madeByThisHub ? input.hubId : null,
    to: input.email,
    subject: `You are invited to ${input.hubName} on Tutti`,
    text: `Hello ${input.name},\n\nYou have been invited to join ${input.hubName} on Tutti as ${inSentence(ROLE_LABELS[input.role])}. Follow this link within ${INVITE_DAYS} days to ${how}:\n\n${link}\n\nIf you did not expect this, ignore this message: nothing changes until you accept.\n`,
  });
  return link;
};

/** A usable invitation: its token row, the account, the hub and the pending membership. */
/**
 * The invitation behind a token. Token, account and membership are read in one snapshot: read
 * apart, a parallel accept committing in between could show the account's new password with a
 * membership not yet accepted, and this caller would then be asked for a password it never set.
 */
export const invitationInfo = async (deps: Deps, token: string) => {
  const { row, user, hub, membership } = await deps.db.transaction(
    async (tx) => {
      const repo = authRepository(tx);
      const row = await repo.usableToken("invite", hashToken(token), deps.clock());
      if (!row?.hubId) throw new AppError("not_found", "This invitation has expired or has been used");
      const [user, hub, membership] = await Promise.all([
        repo.userById(row.userId),
        repo.hubById(row.hubId),
        repo.membership(row.userId, row.hubId),
      ]);
      return { row, user, hub, membership };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!user || !hub || !membership?.active || membership.acceptedAt)
    throw new AppError("not_found", "This invitation is no longer valid");
  return {
    row,
    user,
    hub,
    membership,
    /** The name the hub typed: the account's own name may come from another hub. */
    name: membership.invitedName ?? user.name,
    existingAccount: user.passwordHash !== null,
  };
};

/**
 * Accepts an invitation: grants its own hub's membership and nothing else. An account without a
 * password chooses one here (with its name); an account that has one types it, counted like a
 * sign-in, so a link can never set the password of an account that has one. The token is used
 * once, by a conditional update in the same transaction. Every other session of the account
 * ends; a new one opens in the hub.
 */
export const acceptInvitation = async (
  deps: Deps,
  input: { token: string; name?: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; session: SessionInfo }> => {
  const info = await invitationInfo(deps, input.token);
  let newPassword: { hash: string; name: string } | undefined;
  if (info.existingAccount) {
    await checkPassword(deps, info.user.email, input.password, input.ip);
  } else {
    if (!input.name)
      throw new AppError("invalid", "Enter your name", {
        fields: [{ path: "name", message: "Enter your name" }],
      });
    const problem = passwordProblem(input.password, info.user.email);
    if (problem) throw invalidPassword(problem);
    newPassword = { hash: await hashPassword(input.password), name: input.name };
  }
  await deps.db.transaction(async (tx) => {
    const repo = authRepository(tx);
    const now = deps.clock();
    if (!(await repo.consumeToken("invite", hashToken(input.token), now)))
      throw new AppError("not_found", "This invitation has expired or has been used");
    const user = await repo.userForUpdate(info.user.id);
    if (!user) throw new AppError("not_found", "This invitation is no longer valid");
    if (newPassword) {
      if (user.passwordHash)
        throw new AppError(
          "conflict",
          "This account has a password now: open the link again and accept with that password",
        );
      await repo.setPassword(user.id, newPassword.hash, now, newPassword.name);
    }
    const accepted = await repo.acceptMembership(user.id, info.hub.id, now);
    if (!accepted) throw new AppError("not_found", "This invitation is no longer valid");
    await repo.deleteSessionsOfUser(user.id);
    await repo.setLastSignIn(user.id, now);
    await recordAudit(tx, selfActor(user, info.hub, accepted), {
      action: "update",
      entity: "membership",
      entityId: user.id,
      before: { status: "invited" },
      after: { status: "active" },
    });
  });
  return openResolvedSession(deps, info.user.id, info.hub.id, input);
};

const selfActor = (
  user: { id: string; name: string; email: string },
  hub: { id: string; name: string; slug: string },
  m: { role: Membership["role"]; schoolId: string | null; partnerId: string | null },
): Actor => ({
  userId: user.id,
  name: user.name,
  email: user.email,
  hubId: hub.id,
  hubName: hub.name,
  hubSlug: hub.slug,
  role: m.role,
  schoolId: m.schoolId,
  partnerId: m.partnerId,
});

/** Ends every session of a person (deactivation): through the repository that forgets kept ones. */
export const endSessionsOf = async (db: DbOrTx, userId: string): Promise<void> => {
  await authRepository(db).deleteSessionsOfUser(userId);
};
