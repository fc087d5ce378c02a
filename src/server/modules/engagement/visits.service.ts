import type { z } from "zod";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Paged } from "../../../shared/schemas/common";
import type {
  CancelInput,
  RescheduleInput,
  Visit,
  VisitInput,
  VisitListQuery,
} from "../../../shared/schemas/engagement";
import { recordAudit } from "../../platform/audit";
import { eventIcs, icsContentType } from "../../platform/calendar";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { canManageVisits } from "./engagement.policy";
import { engagementRepository, type VisitRow, type VisitWithSchool } from "./engagement.repository";
import { londonDate, PURPOSE_LABELS, visitEvent } from "./visits.calendar";

const requireManager = (ctx: ServiceContext): void => {
  if (!canManageVisits(ctx.actor)) throw forbidden();
};

const presentVisit = (row: VisitWithSchool, names: Map<string, string>): Visit => ({
  id: row.visit.id,
  urn: row.urn,
  schoolName: row.schoolName,
  date: row.visit.date,
  time: row.visit.time,
  durationMinutes: row.visit.durationMinutes,
  purpose: row.visit.purpose,
  status: row.visit.status,
  recorded: row.visit.recorded,
  attendees: row.visit.attendeeIds.map((id) => ({ id, name: names.get(id) ?? "Former member" })),
  notes: row.visit.notes,
  sequence: row.visit.sequence,
  changeReason: row.visit.changeReason,
  reportStatus: row.reportStatus ?? "none",
});

const present = async (ctx: ServiceContext, rows: VisitWithSchool[]): Promise<Visit[]> => {
  const ids = [...new Set(rows.flatMap((r) => r.visit.attendeeIds))];
  const names = new Map((await engagementRepository(ctx.db).userNames(ids)).map((u) => [u.id, u.name]));
  return rows.map((r) => presentVisit(r, names));
};

const when = (visit: VisitRow): string =>
  `${formatUkDate(visit.date)}${visit.time ? ` at ${visit.time}` : ""}`;

/**
 * Tells the school's contacts (those with an e-mail address) about a visit, each with an .ics:
 * an invitation (METHOD:REQUEST), its update after a reschedule (same UID, higher SEQUENCE),
 * or its withdrawal (METHOD:CANCEL). Written in the caller's transaction.
 */
const tellContacts = async (
  ctx: ServiceContext,
  visit: VisitRow,
  schoolName: string,
  kind: "new" | "moved" | "cancelled",
): Promise<void> => {
  const repo = engagementRepository(ctx.db);
  const hub = await repo.hub(ctx.actor.hubId);
  const hubName = hub?.name ?? ctx.actor.hubName;
  const method = kind === "cancelled" ? "cancel" : "request";
  const ics = eventIcs({
    event: visitEvent(visit, schoolName, hubName),
    method,
    organizer: { name: ctx.actor.name, email: ctx.actor.email },
    calendarName: hubName,
    now: ctx.clock(),
  });
  const purpose = PURPOSE_LABELS[visit.purpose].toLowerCase();
  const subject = {
    new: `Visit from ${hubName} on ${when(visit)}`,
    moved: `Visit from ${hubName} moved to ${when(visit)}`,
    cancelled: `Visit from ${hubName} on ${when(visit)} cancelled`,
  }[kind];
  const body = {
    new: `${hubName} will visit ${schoolName} on ${when(visit)} (${purpose}).`,
    moved: `The ${purpose} visit of ${hubName} to ${schoolName} is now on ${when(visit)}. Reason: ${visit.changeReason ?? ""}`,
    cancelled: `The ${purpose} visit of ${hubName} to ${schoolName} on ${when(visit)} is cancelled. Reason: ${visit.changeReason ?? ""}`,
  }[kind];
  const seen = new Set<string>();
  for (const c of await repo.contacts(ctx.actor.hubId, visit.schoolId)) {
    const to = c.email?.trim().toLowerCase();
    if (!to || seen.has(to)) continue;
    seen.add(to);
    await ctx.mailer.send({
      hubId: ctx.actor.hubId,
      to,
      subject,
      text: `Dear ${c.name},\n\n${body}\n\nThe attached invitation adds it to your calendar.\n\n${hubName}`,
      attachments: [{ filename: "visit.ics", contentType: icsContentType(method), content: ics }],
    });
  }
};

const checkAttendees = async (ctx: ServiceContext, ids: readonly string[]): Promise<string[]> => {
  const unique = [...new Set(ids)];
  const found = await engagementRepository(ctx.db).hubMembers(ctx.actor.hubId, unique);
  if (found.length !== unique.length)
    throw invalid("Attendees must be admins or staff of this hub", [
      { path: "attendeeIds", message: "Choose hub members who attend" },
    ]);
  return unique;
};

export const scheduleVisit = async (ctx: ServiceContext, input: VisitInput): Promise<Visit> => {
  requireManager(ctx);
  return inTransaction(ctx, async (tx) => {
    const repo = engagementRepository(tx.db);
    const school = await repo.schoolByUrn(tx.actor.hubId, input.urn);
    if (!school) throw notFound("The school");
    if (school.status === "closed")
      throw invalid("This school is closed: visits cannot be scheduled for it", [
        { path: "urn", message: "This school is closed" },
      ]);
    const recorded = input.recorded === true;
    if (!recorded && input.date < londonDate(tx.clock()))
      throw invalid("That date has passed: to record a visit that already happened, say it was recorded", [
        { path: "date", message: "The date has passed" },
      ]);
    const attendeeIds = await checkAttendees(tx, input.attendeeIds ?? [tx.actor.userId]);
    const visit = await repo.insertVisit({
      hubId: tx.actor.hubId,
      schoolId: school.id,
      date: input.date,
      time: input.time ?? null,
      durationMinutes: input.durationMinutes ?? 60,
      purpose: input.purpose,
      recorded,
      attendeeIds,
      notes: input.notes ?? null,
      createdBy: tx.actor.userId,
    });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "visit",
      entityId: visit.id,
      after: visit,
    });
    // A visit recorded after it happened is not announced.
    if (!recorded) await tellContacts(tx, visit, school.name, "new");
    const [out] = await present(tx, [
      { visit, urn: school.urn, schoolName: school.name, reportStatus: null },
    ]);
    if (!out) throw new Error("unreachable");
    return out;
  });
};

export const listVisits = async (ctx: ServiceContext, q: VisitListQuery): Promise<Paged<Visit>> => {
  requireManager(ctx);
  const { items, total } = await engagementRepository(ctx.db).listVisits(ctx.actor.hubId, q);
  return { items: await present(ctx, items), total, page: q.page, pageSize: q.pageSize };
};

export const getVisit = async (ctx: ServiceContext, id: string): Promise<Visit> => {
  requireManager(ctx);
  const row = await engagementRepository(ctx.db).visit(ctx.actor.hubId, id);
  if (!row) throw notFound("The visit");
  const [out] = await present(ctx, [row]);
  if (!out) throw new Error("unreachable");
  return out;
};

const changeVisit = async (
  ctx: ServiceContext,
  id: string,
  kind: "moved" | "cancelled",
  change: (visit: VisitRow) => Partial<VisitRow>,
): Promise<Visit> => {
  requireManager(ctx);
  return inTransaction(ctx, async (tx) => {
    const repo = engagementRepository(tx.db);
    const row = await repo.visit(tx.actor.hubId, id, true);
    if (!row) throw notFound("The visit");
    if (row.visit.status === "cancelled")
      throw new AppError("conflict", "This visit has been cancelled already");
    const values = { ...change(row.visit), sequence: row.visit.sequence + 1 };
    const visit = await repo.updateVisit(tx.actor.hubId, id, values);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "visit",
      entityId: id,
      before: Object.fromEntries(Object.keys(values).map((k) => [k, row.visit[k as keyof VisitRow]])),
      after: values,
    });
    if (!visit.recorded) await tellContacts(tx, visit, row.schoolName, kind);
    const [out] = await present(tx, [{ ...row, visit }]);
    if (!out) throw new Error("unreachable");
    return out;
  });
};

export const rescheduleVisit = (ctx: ServiceContext, id: string, input: z.infer<typeof RescheduleInput>) => {
  if (input.date < londonDate(ctx.clock()))
    throw invalid("A visit cannot be moved to a date that has passed", [
      { path: "date", message: "The date has passed" },
    ]);
  return changeVisit(ctx, id, "moved", (v) => ({
    date: input.date,
    time: input.time === undefined ? v.time : input.time,
    changeReason: input.reason,
  }));
};

export const cancelVisit = (ctx: ServiceContext, id: string, input: z.infer<typeof CancelInput>) =>
  changeVisit(ctx, id, "cancelled", () => ({ status: "cancelled", changeReason: input.reason }));

/** The most rows one export holds. */
export const VISIT_EXPORT_LIMIT = 50_000;

/** The filtered visits as CSV, through the one formula-safe writer. */
export const exportVisits = async (ctx: ServiceContext, q: Omit<VisitListQuery, "page" | "pageSize">) => {
  requireManager(ctx);
  const { items } = await engagementRepository(ctx.db).listVisits(ctx.actor.hubId, {
    ...q,
    page: 1,
    pageSize: VISIT_EXPORT_LIMIT,
  });
  const visits = await present(ctx, items);
  return csvDocument(
    [
      "Date",
      "Time",
      "URN",
      "School",
      "Purpose",
      "Status",
      "Recorded",
      "Attendees",
      "Report",
      "Reason for change",
      "Notes",
    ],
    visits.map((v) => [
      v.date,
      v.time ?? "",
      v.urn,
      v.schoolName,
      PURPOSE_LABELS[v.purpose],
      v.status,
      v.recorded,
      v.attendees.map((a) => a.name).join("; "),
      v.reportStatus,
      v.changeReason ?? "",
      v.notes ?? "",
    ]),
  );
};
