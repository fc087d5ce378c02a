import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { academicYearOf, academicYearStart } from "../../../shared/rules/academic-year";
import type {
  CpdFeedbackInput,
  CpdFeedbackSummary,
  CpdMark,
  CpdMarksInput,
  CpdProgrammeFeedback,
  CpdRegister,
} from "../../../shared/schemas/cpd";
import {
  cpdAttendance,
  cpdBookings,
  cpdEvents,
  cpdFeedback,
  cpdPlaces,
  schools,
} from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { actsForSchool, can } from "./cpd.policy";
import { cpdRepository } from "./cpd.repository";
import { presentSession } from "./cpd-events.service";

const requireManager = (ctx: ServiceContext) => {
  if (!can(ctx.actor, "manageEvents")) throw forbidden();
};

/** The register of one session (the first by default): everyone with a place, and their mark. */
export const sessionRegister = async (
  ctx: ServiceContext,
  eventId: string,
  sessionId?: string,
): Promise<CpdRegister> => {
  requireManager(ctx);
  const repo = cpdRepository(ctx.db);
  const event = await repo.event(ctx.actor.hubId, eventId);
  if (!event) throw notFound("The event");
  const sessions = await repo.sessionsOf([eventId]);
  const session = sessionId ? sessions.find((s) => s.id === sessionId) : sessions[0];
  if (!session) throw notFound("The session");
  const rows = await ctx.db
    .select({
      placeId: cpdPlaces.id,
      name: cpdPlaces.name,
      schoolName: schools.name,
      bookingStatus: cpdBookings.status,
      mark: cpdAttendance.mark,
    })
    .from(cpdPlaces)
    .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
    .innerJoin(schools, eq(schools.id, cpdBookings.schoolId))
    .leftJoin(
      cpdAttendance,
      and(eq(cpdAttendance.placeId, cpdPlaces.id), eq(cpdAttendance.sessionId, session.id)),
    )
    .where(
      and(
        eq(cpdPlaces.hubId, ctx.actor.hubId),
        eq(cpdPlaces.eventId, eventId),
        inArray(cpdBookings.status, ["booked", "late_cancelled"]),
      ),
    )
    .orderBy(asc(schools.name), asc(cpdPlaces.name));
  return {
    eventId,
    title: event.title,
    session: presentSession(session),
    sessions: sessions.map(presentSession),
    rows: rows.map((r) => ({
      ...r,
      // A late cancellation is on the register already marked as one.
      mark: r.mark ?? (r.bookingStatus === "late_cancelled" ? "late_cancellation" : null),
    })),
  };
};

/** Marks people on a session's register (upserts: the door list can be corrected). */
export const markAttendance = async (
  ctx: ServiceContext,
  sessionId: string,
  input: z.infer<typeof CpdMarksInput>,
): Promise<CpdRegister> => {
  requireManager(ctx);
  const eventId = await inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const session = await repo.session(tx.actor.hubId, sessionId);
    if (!session) throw notFound("The session");
    const ids = [...new Set(input.marks.map((m) => m.placeId))];
    const known = await tx.db
      .select({ id: cpdPlaces.id })
      .from(cpdPlaces)
      .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
      .where(
        and(
          eq(cpdPlaces.eventId, session.eventId),
          inArray(cpdPlaces.id, ids),
          inArray(cpdBookings.status, ["booked", "late_cancelled"]),
        ),
      );
    if (known.length !== ids.length)
      throw invalid("Some people on this list have no place at this event", [
        { path: "marks", message: "Mark only people with a place at this event" },
      ]);
    const values = input.marks.map((m) => ({
      hubId: tx.actor.hubId,
      placeId: m.placeId,
      sessionId,
      mark: m.mark as CpdMark,
      markedBy: tx.actor.userId,
      markedAt: tx.clock(),
    }));
    await tx.db
      .insert(cpdAttendance)
      .values(values)
      .onConflictDoUpdate({
        target: [cpdAttendance.placeId, cpdAttendance.sessionId],
        set: {
          mark: sql`excluded.mark`,
          markedBy: sql`excluded.marked_by`,
          markedAt: sql`excluded.marked_at`,
        },
      });
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_register",
      entityId: sessionId,
      after: { marks: input.marks },
    });
    return session.eventId;
  });
  return sessionRegister(ctx, eventId, sessionId);
};

/** One person's feedback after the event (school users: for their own school's places). */
export const giveFeedback = async (
  ctx: ServiceContext,
  eventId: string,
  input: z.infer<typeof CpdFeedbackInput>,
): Promise<{ id: string }> => {
  if (!can(ctx.actor, "giveFeedback")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const event = await repo.event(tx.actor.hubId, eventId);
    if (!event) throw notFound("The event");
    const [place] = await tx.db
      .select({ id: cpdPlaces.id, schoolId: cpdBookings.schoolId, status: cpdBookings.status })
      .from(cpdPlaces)
      .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
      .where(and(eq(cpdPlaces.eventId, eventId), eq(cpdPlaces.id, input.placeId)));
    if (!place || !actsForSchool(tx.actor, place.schoolId)) throw notFound("The place");
    if (place.status !== "booked")
      throw new AppError("conflict", "Only people who had a place can give feedback");
    if (event.startsAt.getTime() > tx.clock().getTime())
      throw new AppError("conflict", "Feedback opens once the event has taken place");
    const [row] = await tx.db
      .insert(cpdFeedback)
      .values({
        hubId: tx.actor.hubId,
        eventId,
        placeId: place.id,
        usefulness: input.usefulness,
        confidenceBefore: input.confidenceBefore,
        confidenceAfter: input.confidenceAfter,
        comments: input.comments?.trim() || null,
      })
      .onConflictDoNothing()
      .returning({ id: cpdFeedback.id });
    if (!row) throw new AppError("conflict", "Feedback for this person has been given already");
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "cpd_feedback",
      entityId: row.id,
      after: input,
    });
    return row;
  });
};

type FeedbackRow = {
  eventId: string;
  title: string;
  usefulness: number;
  confidenceBefore: number;
  confidenceAfter: number;
  comments: string | null;
};

const average = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;

const summarise = (
  eventId: string | null,
  title: string,
  rows: FeedbackRow[],
  attended: number,
): CpdFeedbackSummary => ({
  eventId,
  title,
  responses: rows.length,
  attended,
  usefulnessAverage: average(rows.map((r) => r.usefulness)),
  confidenceBeforeAverage: average(rows.map((r) => r.confidenceBefore)),
  confidenceAfterAverage: average(rows.map((r) => r.confidenceAfter)),
  usefulnessCounts: [1, 2, 3, 4, 5].map((n) => rows.filter((r) => r.usefulness === n).length),
  comments: rows.flatMap((r) => (r.comments ? [r.comments] : [])),
});

const feedbackRows = (ctx: ServiceContext, where: ReturnType<typeof and>) =>
  ctx.db
    .select({
      eventId: cpdFeedback.eventId,
      title: cpdEvents.title,
      usefulness: cpdFeedback.usefulness,
      confidenceBefore: cpdFeedback.confidenceBefore,
      confidenceAfter: cpdFeedback.confidenceAfter,
      comments: cpdFeedback.comments,
    })
    .from(cpdFeedback)
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdFeedback.eventId))
    .where(and(eq(cpdFeedback.hubId, ctx.actor.hubId), where))
    .orderBy(asc(cpdEvents.startsAt), asc(cpdFeedback.createdAt));

const attendedCounts = async (ctx: ServiceContext, eventIds: string[]) => {
  if (!eventIds.length) return new Map<string, number>();
  const rows = await ctx.db
    .select({ eventId: cpdPlaces.eventId, n: sql<number>`count(distinct ${cpdPlaces.id})::int` })
    .from(cpdAttendance)
    .innerJoin(cpdPlaces, eq(cpdPlaces.id, cpdAttendance.placeId))
    .where(and(inArray(cpdPlaces.eventId, eventIds), eq(cpdAttendance.mark, "attended")))
    .groupBy(cpdPlaces.eventId);
  return new Map(rows.map((r) => [r.eventId, r.n]));
};

export const eventFeedback = async (ctx: ServiceContext, eventId: string): Promise<CpdFeedbackSummary> => {
  if (!can(ctx.actor, "seeResults")) throw forbidden();
  const event = await cpdRepository(ctx.db).event(ctx.actor.hubId, eventId);
  if (!event) throw notFound("The event");
  const rows = await feedbackRows(ctx, eq(cpdFeedback.eventId, eventId));
  return summarise(eventId, event.title, rows, (await attendedCounts(ctx, [eventId])).get(eventId) ?? 0);
};

/** Feedback across the programme of an academic year (the current one by default), and per event. */
export const programmeFeedback = async (
  ctx: ServiceContext,
  year: string | undefined,
): Promise<z.infer<typeof CpdProgrammeFeedback>> => {
  if (!can(ctx.actor, "seeResults")) throw forbidden();
  const y = year ?? academicYearOf(ctx.clock());
  const from = new Date(`${academicYearStart(y)}T00:00:00Z`);
  const to = new Date(Date.UTC(from.getUTCFullYear() + 1, 8, 1));
  const rows = await feedbackRows(ctx, and(gte(cpdEvents.startsAt, from), lt(cpdEvents.startsAt, to)));
  const ids = [...new Set(rows.map((r) => r.eventId))];
  const attended = await attendedCounts(ctx, ids);
  const total = [...attended.values()].reduce((a, b) => a + b, 0);
  return {
    year: y,
    overall: summarise(null, `All CPD ${y}`, rows, total),
    events: ids.map((id) =>
      summarise(
        id,
        rows.find((r) => r.eventId === id)?.title ?? "",
        rows.filter((r) => r.eventId === id),
        attended.get(id) ?? 0,
      ),
    ),
  };
};
