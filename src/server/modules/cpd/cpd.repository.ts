import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  cpdBookings,
  cpdEvents,
  cpdPlaces,
  cpdSessions,
  cpdSettings,
  hubs,
  schools,
} from "../../db/schema/index";

export type CpdEventRow = typeof cpdEvents.$inferSelect;
export type CpdSessionRow = typeof cpdSessions.$inferSelect;
export type CpdBookingRow = typeof cpdBookings.$inferSelect;
export type CpdPlaceRow = typeof cpdPlaces.$inferSelect;

/** The SQL of CPD events, bookings and places; every query is scoped by the hub. */
export const cpdRepository = (db: DbOrTx) => ({
  hub: async (hubId: string) =>
    (await db.select({ name: hubs.name, colour: hubs.brandColour }).from(hubs).where(eq(hubs.id, hubId)))[0],

  settings: async (hubId: string) => {
    const [row] = await db.select().from(cpdSettings).where(eq(cpdSettings.hubId, hubId));
    return {
      supplyContributionPercent: row?.supplyContributionPercent ?? 50,
      cancelCutoffDays: row?.cancelCutoffDays ?? 7,
    };
  },
  saveSettings: (hubId: string, values: { supplyContributionPercent: number; cancelCutoffDays: number }) =>
    db
      .insert(cpdSettings)
      .values({ hubId, ...values })
      .onConflictDoUpdate({ target: cpdSettings.hubId, set: { ...values, updatedAt: sql`now()` } }),

  schoolByUrn: async (hubId: string, urn: number) =>
    (
      await db
        .select({ id: schools.id, name: schools.name, urn: schools.urn, status: schools.status })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), eq(schools.urn, urn)))
    )[0],

  insertEvent: async (values: typeof cpdEvents.$inferInsert) => {
    const [row] = await db.insert(cpdEvents).values(values).returning();
    if (!row) throw new Error("could not store the event");
    return row;
  },
  insertSessions: (values: (typeof cpdSessions.$inferInsert)[]) =>
    values.length ? db.insert(cpdSessions).values(values).returning() : Promise.resolve([]),
  updateSession: async (
    id: string,
    values: Pick<CpdSessionRow, "startsAt" | "endsAt" | "venue" | "onlineUrl">,
  ) => (await db.update(cpdSessions).set(values).where(eq(cpdSessions.id, id)).returning())[0],
  deleteSessions: (hubId: string, eventId: string) =>
    db.delete(cpdSessions).where(and(eq(cpdSessions.hubId, hubId), eq(cpdSessions.eventId, eventId))),

  /** One event of the hub; with `lock`, its row is locked until the transaction ends (bookings). */
  event: async (hubId: string, id: string, lock = false) => {
    const q = db
      .select()
      .from(cpdEvents)
      .where(and(eq(cpdEvents.hubId, hubId), eq(cpdEvents.id, id)));
    return (lock ? await q.for("update") : await q)[0];
  },
  updateEvent: async (hubId: string, id: string, values: Partial<typeof cpdEvents.$inferInsert>) => {
    const [row] = await db
      .update(cpdEvents)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(cpdEvents.hubId, hubId), eq(cpdEvents.id, id)))
      .returning();
    if (!row) throw new Error("event vanished");
    return row;
  },
  /** Moves the event's counters (only while its row is locked). */
  /**
   * Raises the event's booked count by `places` only if they fit and it is open for booking at
   * `now`; true when it did. The update takes (or waits for) the event's row lock and checks the
   * count as last committed.
   */
  takePlaces: async (eventId: string, places: number, now: Date): Promise<boolean> => {
    const rows = await db
      .update(cpdEvents)
      .set({ bookedPlaces: sql`${cpdEvents.bookedPlaces} + ${places}` })
      .where(
        and(
          eq(cpdEvents.id, eventId),
          eq(cpdEvents.status, "published"),
          gt(cpdEvents.startsAt, now),
          or(isNull(cpdEvents.bookingOpensAt), lte(cpdEvents.bookingOpensAt, now)),
          or(isNull(cpdEvents.bookingClosesAt), gt(cpdEvents.bookingClosesAt, now)),
          sql`${cpdEvents.bookedPlaces} + ${places} <= ${cpdEvents.capacity}`,
        ),
      )
      .returning({ id: cpdEvents.id });
    return rows.length > 0;
  },
  addCounts: (eventId: string, booked: number, waitlisted: number) =>
    db
      .update(cpdEvents)
      .set({
        bookedPlaces: sql`${cpdEvents.bookedPlaces} + ${booked}`,
        waitlistedPlaces: sql`${cpdEvents.waitlistedPlaces} + ${waitlisted}`,
      })
      .where(eq(cpdEvents.id, eventId)),

  listEvents: async (
    hubId: string,
    opts: { publishedOnly: boolean; from?: Date; ref?: string; limit: number; offset: number },
  ) => {
    const where = and(
      eq(cpdEvents.hubId, hubId),
      opts.publishedOnly ? eq(cpdEvents.status, "published") : undefined,
      opts.from ? gte(cpdEvents.endsAt, opts.from) : undefined,
      opts.ref ? eq(cpdEvents.ref, opts.ref) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(cpdEvents)
        .where(where)
        .orderBy(asc(cpdEvents.startsAt), asc(cpdEvents.id))
        .limit(opts.limit)
        .offset(opts.offset),
      db.select({ n: count() }).from(cpdEvents).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  sessionsOf: (eventIds: readonly string[]) =>
    eventIds.length
      ? db
          .select()
          .from(cpdSessions)
          .where(inArray(cpdSessions.eventId, [...eventIds]))
          .orderBy(asc(cpdSessions.eventId), asc(cpdSessions.position))
      : Promise.resolve([] as CpdSessionRow[]),

  session: async (hubId: string, id: string) =>
    (
      await db
        .select()
        .from(cpdSessions)
        .where(and(eq(cpdSessions.hubId, hubId), eq(cpdSessions.id, id)))
    )[0],

  /** Active places of these people at an event (someone booked already). */
  activePlacesFor: (eventId: string, emails: readonly string[]) =>
    db
      .select({ email: cpdPlaces.email, name: cpdPlaces.name })
      .from(cpdPlaces)
      .where(
        and(
          eq(cpdPlaces.eventId, eventId),
          eq(cpdPlaces.active, true),
          inArray(cpdPlaces.email, [...emails]),
        ),
      ),

  /** Free places a school holds at an event (booked or waiting). */
  freePlacesHeld: async (eventId: string, schoolId: string) =>
    (
      await db
        .select({ n: count() })
        .from(cpdPlaces)
        .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
        .where(
          and(
            eq(cpdPlaces.eventId, eventId),
            eq(cpdBookings.schoolId, schoolId),
            eq(cpdPlaces.active, true),
            eq(cpdPlaces.free, true),
          ),
        )
    )[0]?.n ?? 0,

  insertBooking: async (values: typeof cpdBookings.$inferInsert) => {
    const [row] = await db.insert(cpdBookings).values(values).returning();
    if (!row) throw new Error("could not store the booking");
    return row;
  },
  insertPlaces: (values: (typeof cpdPlaces.$inferInsert)[]) =>
    db.insert(cpdPlaces).values(values).returning(),

  booking: async (hubId: string, id: string, lock = false) => {
    const q = db
      .select()
      .from(cpdBookings)
      .where(and(eq(cpdBookings.hubId, hubId), eq(cpdBookings.id, id)));
    return (lock ? await q.for("update") : await q)[0];
  },
  updateBooking: async (id: string, values: Partial<typeof cpdBookings.$inferInsert>) => {
    const [row] = await db.update(cpdBookings).set(values).where(eq(cpdBookings.id, id)).returning();
    if (!row) throw new Error("booking vanished");
    return row;
  },
  deactivatePlaces: (bookingId: string) =>
    db.update(cpdPlaces).set({ active: false }).where(eq(cpdPlaces.bookingId, bookingId)),

  /** The waiting list of an event, first come first served. */
  waitingList: (eventId: string) =>
    db
      .select()
      .from(cpdBookings)
      .where(and(eq(cpdBookings.eventId, eventId), eq(cpdBookings.status, "waitlisted")))
      .orderBy(asc(cpdBookings.createdAt), asc(cpdBookings.id))
      .for("update"),

  placesOf: (bookingIds: readonly string[]) =>
    bookingIds.length
      ? db
          .select()
          .from(cpdPlaces)
          .where(inArray(cpdPlaces.bookingId, [...bookingIds]))
          .orderBy(asc(cpdPlaces.bookingId), asc(cpdPlaces.name))
      : Promise.resolve([] as CpdPlaceRow[]),

  /** Bookings with their event and school, for lists (by event, by school, or all of the hub). */
  bookings: (hubId: string, filter: { eventId?: string; schoolId?: string }) =>
    db
      .select({
        booking: cpdBookings,
        eventTitle: cpdEvents.title,
        eventStartsAt: cpdEvents.startsAt,
        urn: schools.urn,
        schoolName: schools.name,
      })
      .from(cpdBookings)
      .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
      .innerJoin(schools, eq(schools.id, cpdBookings.schoolId))
      .where(
        and(
          eq(cpdBookings.hubId, hubId),
          filter.eventId ? eq(cpdBookings.eventId, filter.eventId) : undefined,
          filter.schoolId ? eq(cpdBookings.schoolId, filter.schoolId) : undefined,
        ),
      )
      .orderBy(desc(cpdEvents.startsAt), asc(cpdBookings.createdAt))
      .limit(2000),

  /** Booked bookings of events starting in (from, to] not yet reminded, across hubs (the schedule). */
  dueReminders: (from: Date, to: Date, which: "week" | "day") =>
    db
      .select({ booking: cpdBookings, event: cpdEvents })
      .from(cpdBookings)
      .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
      .where(
        and(
          eq(cpdBookings.status, "booked"),
          eq(cpdEvents.status, "published"),
          gt(cpdEvents.startsAt, from),
          lte(cpdEvents.startsAt, to),
          which === "week" ? isNull(cpdBookings.remindedWeekAt) : isNull(cpdBookings.remindedDayAt),
        ),
      )
      .limit(500),

  /** Booked bookings of events that ended in (from, to] and were not yet asked for feedback. */
  dueFeedbackRequests: (from: Date, to: Date) =>
    db
      .select({ booking: cpdBookings, event: cpdEvents })
      .from(cpdBookings)
      .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
      .where(
        and(
          eq(cpdBookings.status, "booked"),
          eq(cpdEvents.status, "published"),
          gt(cpdEvents.endsAt, from),
          lte(cpdEvents.endsAt, to),
          isNull(cpdBookings.feedbackAskedAt),
        ),
      )
      .limit(500),

  eventsBefore: (hubId: string, before: Date) =>
    db
      .select({ id: cpdEvents.id })
      .from(cpdEvents)
      .where(and(eq(cpdEvents.hubId, hubId), lt(cpdEvents.startsAt, before))),
});
