import { passwordProblem } from "../../../shared/rules/password-rule";
import type { AccountResponse, ChangePasswordRequest } from "../../../shared/schemas/account";
import type { Actor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit";
import type { Deps } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { hashPassword, verifyPassword } from "../../platform/passwords";
import { accountRepository } from "./account.repository";
import { authRepository } from "./auth.repository";
import { ATTEMPT_WINDOW_MINUTES, MAX_FAILED_ATTEMPTS, type SessionInfo } from "./auth.service";

/**
 * One's own account. Everything here acts on the signed-in person only, whatever their role, so
 * no hub role is asked for; the name is hub data (lists and audit show it), so a change is audited
 * in every hub the person belongs to.
 */

const fieldProblem = (path: string, message: string) =>
  new AppError("invalid", message, { fields: [{ path, message }] });

export const accountOf = async (deps: Deps, session: SessionInfo): Promise<AccountResponse> => ({
  name: session.user.name,
  email: session.user.email,
  memberships: session.memberships,
  sessions: await accountRepository(deps.db).openSessions(session.user.id, deps.clock()),
});

const actorIn = (session: SessionInfo, m: SessionInfo["memberships"][number]): Actor => ({
  userId: session.user.id,
  name: session.user.name,
  email: session.user.email,
  hubId: m.hubId,
  hubName: m.hubName,
  hubSlug: m.hubSlug,
  role: m.role,
  schoolId: m.schoolId,
  partnerId: m.partnerId,
});

/** Changes one's name, with an audit entry in each of one's hubs, in the same transaction. */
export const renameSelf = async (deps: Deps, session: SessionInfo, name: string): Promise<void> => {
  if (name === session.user.name) return;
  await deps.db.transaction(async (tx) => {
    await accountRepository(tx).setName(session.user.id, name);
    for (const m of session.memberships)
      await recordAudit(tx, actorIn(session, m), {
        action: "update",
        entity: "user",
        entityId: session.user.id,
        before: { name: session.user.name },
        after: { name },
      });
  });
};

/**
 * Changes one's password: the current one is checked within the same limit of failed attempts as
 * signing in (a stolen session cannot guess it), the new one by the password rule. Every other
 * session ends, as after a reset; this one stays signed in.
 */
export const changePassword = async (
  deps: Deps,
  session: SessionInfo,
  input: ChangePasswordRequest,
  ip: string | null,
): Promise<void> => {
  const repo = authRepository(deps.db);
  const { email, id } = session.user;
  const now = deps.clock();
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000);
  if (!(await repo.reserveAttempt(email, ip, now, since, MAX_FAILED_ATTEMPTS)))
    throw new AppError(
      "rate_limited",
      `Too many wrong passwords. Wait ${ATTEMPT_WINDOW_MINUTES} minutes and try again, or reset your password.`,
    );
  const user = await repo.userById(id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw fieldProblem("currentPassword", "Your current password is not right");
  await repo.clearFailedAttempts(email);
  if (input.newPassword === input.currentPassword)
    throw fieldProblem("newPassword", "Choose a new password, different from your current one");
  const problem = passwordProblem(input.newPassword, email);
  if (problem) throw fieldProblem("newPassword", problem);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await authRepository(tx).setPassword(id, passwordHash, now);
    await accountRepository(tx).deleteOtherSessions(id, session.idHash);
  });
};

/** Ends one's sessions: every other one, and this one too when asked. */
export const signOutEverywhere = async (
  deps: Deps,
  session: SessionInfo,
  includeThisDevice: boolean,
): Promise<void> => {
  if (includeThisDevice) await authRepository(deps.db).deleteSessionsOfUser(session.user.id);
  else await accountRepository(deps.db).deleteOtherSessions(session.user.id, session.idHash);
};
