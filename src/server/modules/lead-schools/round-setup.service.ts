import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type {
  PanelMember,
  RoundInvitation,
  RoundInvitationInput,
} from "../../../shared/schemas/lead-school-rounds";
import type { RoundInput } from "../../../shared/schemas/lead-schools";
import type { DbOrTx } from "../../db/client";
import { leadSchoolApplications, leadSchoolScores, memberships, schools, users } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, invalid, notFound } from "../../platform/errors";
import { usersRepository } from "../users/users.repository";
import { inviteMember } from "../users/users.service";
import { leadSchoolsRepository } from "./lead-schools.repository";
import { requireCan, today } from "./lead-schools.service";

type Problem = { path: string; message: string };
const PANEL_ROLES = ["hub_admin", "hub_staff", "school_user"] as const;

/** The hub's active people among `ids` who may sit on a panel, with their names and schools. */
const panelPeople = (db: DbOrTx, hubId: string, ids: readonly string[]): Promise<PanelMember[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          role: memberships.role,
          schoolName: schools.name,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(schools, eq(schools.id, memberships.schoolId))
        .where(
          and(
            eq(memberships.hubId, hubId),
            inArray(memberships.userId, [...ids]),
            eq(memberships.active, true),
            isNotNull(memberships.acceptedAt),
            inArray(memberships.role, [...PANEL_ROLES]),
          ),
        );

const roundHasScores = async (db: DbOrTx, hubId: string, roundId: string): Promise<boolean> => {
  const [row] = await db
    .select({ n: count() })
    .from(leadSchoolScores)
    .innerJoin(leadSchoolApplications, eq(leadSchoolApplications.id, leadSchoolScores.applicationId))
    .where(and(eq(leadSchoolScores.hubId, hubId), eq(leadSchoolApplications.roundId, roundId)));
  return (row?.n ?? 0) > 0;
};

const sameCriteria = (a: RoundInput["criteria"], b: RoundInput["criteria"]) =>
  a.length === b.length &&
  a.every((c, i) => c.id === b[i]?.id && c.label === b[i]?.label && c.max === b[i]?.max);

/**
 * A round's criteria and panel, checked before it is saved: each criterion has its own code and
 * name; the panel is made of the hub's active admins, staff and school users; and once a reviewer
 * has scored an application of the round its criteria stay as they were scored against.
 */
export const checkRoundSetup = async (
  ctx: ServiceContext,
  input: Pick<RoundInput, "criteria" | "panelUserIds">,
  before?: { id: string; criteria: RoundInput["criteria"] },
): Promise<void> => {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  input.criteria.forEach((c, i) => {
    if (ids.has(c.id))
      problems.push({ path: `criteria.${i}.id`, message: "Two criteria have the same code" });
    const label = c.label.trim().toLowerCase();
    if (labels.has(label))
      problems.push({ path: `criteria.${i}.label`, message: "Two criteria have the same name" });
    ids.add(c.id);
    labels.add(label);
  });
  const found = new Set(
    (await panelPeople(ctx.db, ctx.actor.hubId, input.panelUserIds)).map((p) => p.userId),
  );
  input.panelUserIds.forEach((id, i) => {
    if (!found.has(id))
      problems.push({
        path: `panelUserIds.${i}`,
        message: "Choose active admins, staff or school users of this hub for the panel",
      });
  });
  if (problems.length) throw invalid(problems[0]?.message ?? "Check the round", problems);
  if (
    before &&
    !sameCriteria(before.criteria, input.criteria) &&
    (await roundHasScores(ctx.db, ctx.actor.hubId, before.id))
  )
    throw new AppError(
      "conflict",
      "Reviewers have already scored this round's applications: its criteria can no longer change",
      { fields: [{ path: "criteria", message: "The criteria can no longer change: reviewers have scored" }] },
    );
};

/** `GET /api/lead-school-rounds/:id/panel`: who sits on the round's panel, by name. */
export const roundPanel = async (ctx: ServiceContext, roundId: string): Promise<PanelMember[]> => {
  requireCan(ctx, "manage");
  const round = await leadSchoolsRepository(ctx.db).round(ctx.actor.hubId, roundId);
  if (!round) throw notFound("The round");
  const people = await panelPeople(ctx.db, ctx.actor.hubId, round.panelUserIds);
  const order = new Map(round.panelUserIds.map((id, i) => [id, i]));
  return people.sort((a, b) => (order.get(a.userId) ?? 0) - (order.get(b.userId) ?? 0));
};

/**
 * `POST /api/lead-school-rounds/:id/invitations`: the hub invites a school to apply. Someone who
 * is already a user of the school gets the link to the application form; anyone else is invited
 * to Tutti as a user of the school too (the platform's invitation, decision 010) and gets the same
 * link to follow once they have accepted. Links go by e-mail only.
 */
export const inviteToApply = async (
  ctx: ServiceContext,
  roundId: string,
  input: RoundInvitationInput,
): Promise<RoundInvitation> => {
  requireCan(ctx, "manage");
  const repo = leadSchoolsRepository(ctx.db);
  const round = await repo.round(ctx.actor.hubId, roundId);
  if (!round) throw notFound("The round");
  if (today(ctx) > round.closesOn)
    throw new AppError("conflict", `Applications to this round closed on ${formatUkDate(round.closesOn)}`);
  const school = await repo.schoolByUrn(ctx.actor.hubId, input.urn);
  if (!school)
    throw invalid("No school of this hub has that URN", [
      { path: "urn", message: "No school of this hub has that URN" },
    ]);
  if (school.status === "closed")
    throw invalid("This school is closed", [{ path: "urn", message: "This school is closed" }]);

  const people = usersRepository(ctx.db);
  const user = await people.userByEmail(input.email);
  const membership = user ? await people.membershipRow(ctx.actor.hubId, user.id) : undefined;
  let kind: RoundInvitation["kind"] = "existing_user";
  const pending = membership !== undefined && membership.acceptedAt === null;
  if (membership) {
    if (membership.role !== "school_user" || membership.schoolId !== school.id || !membership.active) {
      const message = `This address belongs to someone in the hub who is not a user of ${school.name}`;
      throw invalid(message, [{ path: "email", message }]);
    }
  } else {
    await inviteMember(ctx, {
      email: input.email,
      name: input.name,
      role: "school_user",
      schoolId: school.id,
    });
    kind = "new_user";
  }

  const link = `${ctx.config.publicUrl}/lead-schools/rounds/${round.id}/apply`;
  const first =
    kind === "new_user"
      ? `We have also invited you to ${ctx.actor.hubName} on Tutti as a user of ${school.name}: accept that invitation (a separate e-mail) first, then follow the link below.`
      : pending
        ? `Accept the invitation to ${ctx.actor.hubName} on Tutti that you were sent first, then follow the link below.`
        : "Sign in to Tutti with your account and follow the link below.";
  await inTransaction(ctx, async (tx) => {
    await tx.mailer.send({
      hubId: tx.actor.hubId,
      to: input.email,
      subject: `${ctx.actor.hubName} invites ${school.name} to apply to become a Lead School`,
      text: `Dear ${input.name},\n\n${ctx.actor.hubName} invites ${school.name} to apply in "${round.title}". Applications close on ${formatUkDate(round.closesOn)}.\n\n${first}\n\n${link}\n\n${ctx.actor.hubName}`,
    });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "lead_school_invitation",
      entityId: round.id,
      after: { roundId: round.id, urn: school.urn, email: input.email, kind },
    });
  });
  return {
    urn: school.urn,
    schoolName: school.name,
    email: input.email,
    kind,
    message: `${school.name} is invited to apply: the link went to ${input.email}.`,
  };
};
