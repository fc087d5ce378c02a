import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Paged } from "../../../shared/schemas/common";
import {
  CPD_KIND_LABELS,
  type CpdEvent,
  type CpdEventData,
  type CpdEventListQuery,
  type CpdSession,
} from "../../../shared/schemas/cpd";
import { recordAudit } from "../../platform/audit";
import type { CalendarEvent } from "../../platform/calendar";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { can } from "./cpd.policy";
import { type CpdEventRow, type CpdSessionRow, cpdRepository } from "./cpd.repository";
import { promoteWaiting } from "./cpd-bookings.service";

export const newRef = (): string => randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, "0").slice(-8);

export const presentSession = (s: CpdSessionRow): CpdSession => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  venue: s.venue,
  onlineUrl: s.onlineUrl,
});

export const presentEvent = (e: CpdEventRow, sessions: readonly CpdSessionRow[]): CpdEvent => ({
  id: e.id,
  ref: e.ref,
  title: e.title,
  kind: e.kind,
  description: e.description,
  phases: e.phases,
  audienceRoles: e.audienceRoles,
  focusAreas: e.focusAreas,
  capacity: e.capacity,
  pricePence: e.pricePence,
  ledBy: e.ledBy,
  leaderName: e.leaderName,
  bookingOpensAt: e.bookingOpensAt?.toISOString() ?? null,
  bookingClosesAt: e.bookingClosesAt?.toISOString() ?? null,
  status: e.status,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  booked: Math.min(e.bookedPlaces, e.capacity),
  waitlisted: e.waitlistedPlaces,
  remaining: Math.max(0, e.capacity - e.bookedPlaces),
  sessions: sessions.map(presentSession),
});

/** One session of an event as a calendar entry: one UID for life, SEQUENCE the event's. */
export const sessionCalendarEvent = (
  e: CpdEventRow,
  s: CpdSessionRow,
  count: number,
  url: string | null,
): CalendarEvent => ({
  uid: `cpd-session-${s.id}@tutti`,
  sequence: e.sequence,
  status: e.status === "cancelled" ? "cancelled" : "confirmed",
  start: s.startsAt,
  end: s.endsAt,
  summary: count > 1 ? `${e.title} (session ${s.position + 1} of ${count})` : e.title,
  description: `${CPD_KIND_LABELS[e.kind]}${e.description ? `\n\n${e.description}` : ""}`,
  location: s.venue ?? s.onlineUrl ?? null,
  url,
  updatedAt: e.updatedAt,
});

const span = (sessions: CpdEventData["sessions"]) => ({
  startsAt: new Date(Math.min(...sessions.map((s) => Date.parse(s.startsAt)))),
  endsAt: new Date(Math.max(...sessions.map((s) => Date.parse(s.endsAt)))),
});

const eventValues = (input: CpdEventData) => ({
  title: input.title,
  kind: input.kind,
  description: input.description ?? null,
  phases: input.phases,
  audienceRoles: input.audienceRoles,
  focusAreas: input.focusAreas,
  capacity: input.capacity,
  pricePence: input.pricePence,
  ledBy: input.ledBy,
  leaderName: input.leaderName ?? null,
  bookingOpensAt: input.bookingOpensAt ? new Date(input.bookingOpensAt) : null,
  bookingClosesAt: input.bookingClosesAt ? new Date(input.bookingClosesAt) : null,
  status: input.status,
  ...span(input.sessions),
});

const sessionValues = (hubId: string, eventId: string, sessions: CpdEventData["sessions"]) =>
  [...sessions]
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map((s, position) => ({
      hubId,
      eventId,
      position,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      venue: s.venue ?? null,
      onlineUrl: s.onlineUrl ?? null,
    }));

const requireManager = (ctx: ServiceContext) => {
  if (!can(ctx.actor, "manageEvents")) throw forbidden();
};

export const createEvent = async (ctx: ServiceContext, input: CpdEventData): Promise<CpdEvent> => {
  requireManager(ctx);
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const event = await repo.insertEvent({
      hubId: tx.actor.hubId,
      ref: newRef(),
      createdBy: tx.actor.userId,
      ...eventValues(input),
    });
    const sessions = await repo.insertSessions(sessionValues(tx.actor.hubId, event.id, input.sessions));
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "cpd_event",
      entityId: event.id,
      after: input,
    });
    return presentEvent(event, sessions);
  });
};

/** Changes an event; its sessions are matched by position (marks stay with the sessions kept). */
export const updateEvent = async (
  ctx: ServiceContext,
  id: string,
  input: CpdEventData,
): Promise<CpdEvent> => {
  requireManager(ctx);
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const before = await repo.event(tx.actor.hubId, id, true);
    if (!before) throw notFound("The event");
    if (before.status === "cancelled")
      throw new AppError("conflict", "This event has been cancelled: it cannot be changed");
    if (input.capacity < before.bookedPlaces)
      throw invalid(`${before.bookedPlaces} places are booked: the capacity cannot be lower`, [
        { path: "capacity", message: `At least ${before.bookedPlaces} (the places booked)` },
      ]);
    if (
      before.status === "published" &&
      input.status === "draft" &&
      before.bookedPlaces + before.waitlistedPlaces > 0
    )
      throw new AppError("conflict", "This event has bookings: it cannot go back to draft");
    const values = eventValues(input);
    const moved =
      values.startsAt.getTime() !== before.startsAt.getTime() ||
      values.endsAt.getTime() !== before.endsAt.getTime();
    const event = await repo.updateEvent(tx.actor.hubId, id, {
      ...values,
      sequence: before.sequence + (moved ? 1 : 0),
    });
    const old = await repo.sessionsOf([id]);
    const wanted = sessionValues(tx.actor.hubId, id, input.sessions);
    // Same number of sessions: keep their ids (and any marks) and move them.
    let sessions: CpdSessionRow[];
    if (old.length === wanted.length) {
      sessions = [];
      for (const [i, s] of old.entries()) {
        const w = wanted[i];
        if (!w) continue;
        const row = await repo.updateSession(s.id, w);
        if (row) sessions.push(row);
      }
    } else {
      await repo.deleteSessions(tx.actor.hubId, id);
      sessions = await repo.insertSessions(wanted);
    }
    // More places: the waiting list moves up at once.
    if (event.capacity > before.capacity && event.status === "published")
      await promoteWaiting(tx, repo, event);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_event",
      entityId: id,
      before: { ...before, sessions: old.map(presentSession) },
      after: input,
    });
    return presentEvent((await repo.event(tx.actor.hubId, id)) ?? event, sessions);
  });
};

/** An event: hub users see drafts; school users only published ones (a draft is "not found"). */
export const getEvent = async (ctx: ServiceContext, id: string): Promise<CpdEvent> => {
  const repo = cpdRepository(ctx.db);
  const event = await repo.event(ctx.actor.hubId, id);
  if (!event || (event.status === "draft" && !can(ctx.actor, "manageEvents"))) throw notFound("The event");
  return presentEvent(event, await repo.sessionsOf([id]));
};

export const listEvents = async (
  ctx: ServiceContext,
  q: z.output<typeof CpdEventListQuery>,
): Promise<Paged<CpdEvent>> => {
  const repo = cpdRepository(ctx.db);
  const from = q.from && !Number.isNaN(Date.parse(q.from)) ? new Date(q.from) : undefined;
  const { items, total } = await repo.listEvents(ctx.actor.hubId, {
    publishedOnly: !can(ctx.actor, "manageEvents"),
    from,
    ref: q.ref,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const sessions = await repo.sessionsOf(items.map((e) => e.id));
  return {
    items: items.map((e) =>
      presentEvent(
        e,
        sessions.filter((s) => s.eventId === e.id),
      ),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
};
