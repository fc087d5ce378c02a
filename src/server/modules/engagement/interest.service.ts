import {
  canDecideInterest,
  INTEREST_KIND_LABELS,
  INTEREST_STATUS_LABELS,
  interestRefusal,
  phaseTakesSchools,
} from "../../../shared/rules/engagement-phases";
import type { Paged } from "../../../shared/schemas/common";
import type {
  Interest,
  InterestInput,
  InterestListQuery,
  PublicInterestInput,
} from "../../../shared/schemas/phases";
import { type Actor, systemActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { userIdOf } from "../questionnaires/questionnaire-templates.service";
import { canDecideInterests, canReadSchool, rolesFor } from "./phases.policy";
import { type InterestWithSchool, phasesRepository } from "./phases.repository";
import { londonDate } from "./visits.calendar";

const present = (r: InterestWithSchool): Interest => ({
  id: r.interest.id,
  urn: r.urn,
  schoolName: r.schoolName,
  kind: r.interest.kind,
  status: r.interest.status,
  source: r.interest.source,
  contactName: r.interest.contactName,
  contactEmail: r.interest.contactEmail,
  message: r.interest.message,
  phase: r.interest.phaseId && r.phaseName ? { id: r.interest.phaseId, name: r.phaseName } : null,
  decisionReason: r.interest.decisionReason,
  decidedAt: r.interest.decidedAt?.toISOString() ?? null,
  createdAt: r.interest.createdAt.toISOString(),
});

const duplicate = (kind: Interest["kind"]) =>
  new AppError(
    "conflict",
    `This school has already expressed interest ${INTEREST_KIND_LABELS[kind].toLowerCase()}; the hub has not answered it yet`,
  );

type NewInterest = {
  hubId: string;
  schoolId: string;
  kind: Interest["kind"];
  source: "school_user" | "public_form";
  contactName: string;
  contactEmail: string;
  message: string | null;
  createdBy: string | null;
};

/** Stores the interest, or refuses a second pending one of the same kind (the unique index decides races). */
const store = async (ctx: ServiceContext, actor: Actor, values: NewInterest): Promise<string> => {
  const row = await phasesRepository(ctx.db).insertInterest(values);
  if (!row) throw duplicate(values.kind);
  await recordAudit(ctx.db, actor, {
    action: "create",
    entity: "engagement_interest",
    entityId: row.id,
    after: { kind: row.kind, source: row.source, schoolId: row.schoolId },
  });
  return row.id;
};

const load = async (ctx: ServiceContext, id: string): Promise<Interest> => {
  const row = await phasesRepository(ctx.db).interest(ctx.actor.hubId, id);
  if (!row) throw notFound("The expression of interest");
  return present(row);
};

/** A school user expresses interest for their own school; the contact defaults to them. */
export const expressInterest = async (ctx: ServiceContext, input: InterestInput): Promise<Interest> => {
  if (!rolesFor("expressInterest").includes(ctx.actor.role)) throw forbidden();
  const id = await inTransaction(ctx, async (tx) => {
    const repo = phasesRepository(tx.db);
    const school = tx.actor.schoolId ? await repo.school(tx.actor.hubId, tx.actor.schoolId) : undefined;
    const refusal = interestRefusal(tx.actor, school ?? null);
    if (refusal === "closed") throw invalid("Your school is recorded as closed, so it cannot join a phase");
    if (refusal || !school) throw forbidden("Only a user of an open school of this hub can express interest");
    return store(tx, tx.actor, {
      hubId: tx.actor.hubId,
      schoolId: school.id,
      kind: input.kind,
      source: "school_user",
      contactName: input.contactName ?? tx.actor.name,
      contactEmail: input.contactEmail ?? tx.actor.email,
      message: input.message || null,
      createdBy: userIdOf(tx),
    });
  });
  return load(ctx, id);
};

/** What the public form may say of an unknown, other or closed URN: the same words for all. */
export const NO_OPEN_SCHOOL =
  "We could not find an open school with that URN in this hub's area. Check the URN (it is on Get Information about Schools) and try again.";

/**
 * The public form (no account): the hub's short name, the school's URN and a contact. An
 * unknown hub is 404; a URN that names no open school of the hub is 400, in the same words
 * whether it is unknown, another hub's or closed. No e-mail is sent to the address given
 * (so the form cannot be used to send mail to anyone); the hub answers it as any interest.
 */
export const expressPublicInterest = async (
  deps: Pick<ServiceContext, "db" | "rootDb" | "clock" | "mailer" | "files" | "config">,
  input: PublicInterestInput,
): Promise<{ received: true; kind: Interest["kind"]; hubName: string }> => {
  const hub = await phasesRepository(deps.db).hubBySlug(input.hub);
  if (!hub) throw notFound("The hub");
  const actor: Actor = {
    ...systemActor({ ...hub, slug: input.hub }),
    name: "Public interest form",
    email: "",
  };
  const ctx: ServiceContext = { ...deps, actor };
  await inTransaction(ctx, async (tx) => {
    const repo = phasesRepository(tx.db);
    const [school] = await repo.schoolsByUrn(hub.id, [input.urn]);
    if (!school || school.status === "closed")
      throw invalid(NO_OPEN_SCHOOL, [{ path: "urn", message: "No open school of this hub has this URN" }]);
    await store(tx, actor, {
      hubId: hub.id,
      schoolId: school.id,
      kind: input.kind,
      source: "public_form",
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      message: input.message || null,
      createdBy: null,
    });
  });
  return { received: true, kind: input.kind, hubName: hub.name };
};

/** Hub users: every interest of the hub; a school user: their own school's. */
export const listInterests = async (ctx: ServiceContext, q: InterestListQuery): Promise<Paged<Interest>> => {
  if (!rolesFor("listInterests").includes(ctx.actor.role)) throw forbidden();
  let filter: InterestListQuery & { schoolId?: string } = q;
  if (!canDecideInterests(ctx.actor)) {
    const schoolId = ctx.actor.schoolId;
    if (!schoolId || !canReadSchool(ctx.actor, "listInterests", schoolId))
      return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    filter = { ...q, schoolId };
  }
  const { items, total } = await phasesRepository(ctx.db).listInterests(ctx.actor.hubId, filter);
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
};

export const INTEREST_EXPORT_LIMIT = 50_000;

export const exportInterests = async (
  ctx: ServiceContext,
  q: Omit<InterestListQuery, "page" | "pageSize">,
): Promise<string> => {
  if (!canDecideInterests(ctx.actor)) throw forbidden();
  const { items } = await phasesRepository(ctx.db).listInterests(ctx.actor.hubId, {
    ...q,
    page: 1,
    pageSize: INTEREST_EXPORT_LIMIT,
  });
  return csvDocument(
    [
      "Received",
      "URN",
      "School",
      "Interest",
      "Status",
      "From",
      "Contact",
      "E-mail",
      "Message",
      "Phase",
      "Reason",
    ],
    items
      .map(present)
      .map((i) => [
        i.createdAt.slice(0, 10),
        i.urn,
        i.schoolName,
        INTEREST_KIND_LABELS[i.kind],
        INTEREST_STATUS_LABELS[i.status],
        i.source === "public_form" ? "Public form" : "School user",
        i.contactName,
        i.contactEmail,
        i.message ?? "",
        i.phase?.name ?? "",
        i.decisionReason ?? "",
      ]),
  );
};

/** Locks a pending interest for an answer, or says why it cannot be answered. */
const pending = async (ctx: ServiceContext, id: string): Promise<InterestWithSchool> => {
  if (!canDecideInterests(ctx.actor)) throw forbidden();
  const row = await phasesRepository(ctx.db).interest(ctx.actor.hubId, id, true);
  if (!row) throw notFound("The expression of interest");
  if (!canDecideInterest(row.interest.status))
    throw new AppError("conflict", `This expression of interest was ${row.interest.status} already`);
  return row;
};

const tell = async (ctx: ServiceContext, row: InterestWithSchool, subject: string, body: string) => {
  const hubName = await phasesRepository(ctx.db).hubName(ctx.actor.hubId);
  await ctx.mailer.send({
    hubId: ctx.actor.hubId,
    to: row.interest.contactEmail,
    subject: `${subject} (${hubName})`,
    text: `Dear ${row.interest.contactName},\n\n${body}\n\n${hubName}`,
  });
};

/** Accepts an interest, optionally into a phase (the school joins it); the contact is told by e-mail. */
export const acceptInterest = async (
  ctx: ServiceContext,
  id: string,
  phaseId: string | null | undefined,
): Promise<Interest> => {
  await inTransaction(ctx, async (tx) => {
    const row = await pending(tx, id);
    const repo = phasesRepository(tx.db);
    let phaseName: string | null = null;
    if (phaseId) {
      const phase = await repo.phase(tx.actor.hubId, phaseId, true);
      if (!phase) throw invalid("That phase was not found", [{ path: "phaseId", message: "Choose a phase" }]);
      if (!phaseTakesSchools(phase, londonDate(tx.clock())))
        throw invalid("That phase has ended: choose a current or later one", [
          { path: "phaseId", message: "This phase has ended" },
        ]);
      const school = await repo.school(tx.actor.hubId, row.interest.schoolId);
      if (school?.status === "closed")
        throw invalid("This school has closed since, so it cannot join a phase");
      await repo.addSchools([
        {
          phaseId,
          schoolId: row.interest.schoolId,
          hubId: tx.actor.hubId,
          joinedVia: "interest",
          addedBy: userIdOf(tx),
        },
      ]);
      phaseName = phase.name;
    }
    await repo.updateInterest(tx.actor.hubId, id, {
      status: "accepted",
      phaseId: phaseId ?? null,
      decidedBy: userIdOf(tx),
      decidedAt: tx.clock(),
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "engagement_interest",
      entityId: id,
      before: { status: "pending" },
      after: { status: "accepted", phaseId: phaseId ?? null },
    });
    const what = INTEREST_KIND_LABELS[row.interest.kind].toLowerCase();
    await tell(
      tx,
      row,
      `Your interest for ${row.schoolName} is accepted`,
      `Thank you for ${row.schoolName}'s interest ${what}. We are glad to accept it${
        phaseName ? `: the school is now part of ${phaseName}` : ""
      }. Your link officer will be in touch to arrange the next steps${
        row.interest.kind === "be_visited" ? ", starting with the short audit before the visit" : ""
      }.`,
    );
  });
  return load(ctx, id);
};

/** Declines an interest with a reason, which the contact is told by e-mail. */
export const declineInterest = async (ctx: ServiceContext, id: string, reason: string): Promise<Interest> => {
  await inTransaction(ctx, async (tx) => {
    const row = await pending(tx, id);
    await phasesRepository(tx.db).updateInterest(tx.actor.hubId, id, {
      status: "declined",
      decisionReason: reason,
      decidedBy: userIdOf(tx),
      decidedAt: tx.clock(),
    });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "engagement_interest",
      entityId: id,
      before: { status: "pending" },
      after: { status: "declined", reason },
    });
    const what = INTEREST_KIND_LABELS[row.interest.kind].toLowerCase();
    await tell(
      tx,
      row,
      `Your interest for ${row.schoolName}`,
      `Thank you for ${row.schoolName}'s interest ${what}. We cannot take it up this time, for this reason:\n\n${reason}`,
    );
  });
  return load(ctx, id);
};
