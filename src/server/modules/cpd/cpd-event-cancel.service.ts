import type { z } from "zod";
import type { CpdCancelEventInput, CpdEventCancelled } from "../../../shared/schemas/cpd";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, notFound } from "../../platform/errors";
import { can } from "./cpd.policy";
import { cpdRepository } from "./cpd.repository";
import { presentEvent } from "./cpd-events.service";
import { sendBookingMail } from "./cpd-mail";

/**
 * The hub cancels a whole event. Under the event's row lock (the order bookings take): the event
 * becomes `cancelled` with its SEQUENCE raised, every booking still holding or waiting for places
 * is cancelled without charge and its places freed, each is e-mailed (with a METHOD:CANCEL `.ics`
 * that removes the sessions from calendars), and all of it is audited in the same transaction.
 */
export const cancelEvent = async (
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof CpdCancelEventInput>,
): Promise<z.infer<typeof CpdEventCancelled>> => {
  if (!can(ctx.actor, "manageEvents")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const before = await repo.event(tx.actor.hubId, id, true);
    if (!before) throw notFound("The event");
    if (before.status === "cancelled")
      throw new AppError("conflict", "This event has been cancelled already");
    const now = tx.clock();
    if (before.startsAt.getTime() <= now.getTime())
      throw new AppError("conflict", "This event has started: it can no longer be cancelled");
    const reason = input.reason?.trim() || null;
    const event = await repo.updateEvent(tx.actor.hubId, id, {
      status: "cancelled",
      sequence: before.sequence + 1,
      bookedPlaces: 0,
      waitlistedPlaces: 0,
    });
    const active = (await repo.bookings(tx.actor.hubId, { eventId: id })).filter(
      (r) => r.booking.status === "booked" || r.booking.status === "waitlisted",
    );
    const places = await repo.placesOf(active.map((r) => r.booking.id));
    const hub = await repo.hub(tx.actor.hubId);
    const sessions = await repo.sessionsOf([id]);
    let placesFreed = 0;
    for (const { booking, schoolName } of active) {
      const updated = await repo.updateBooking(booking.id, { status: "cancelled", cancelledAt: now });
      await repo.deactivatePlaces(booking.id);
      if (booking.status === "booked") placesFreed += booking.places;
      await recordAudit(tx.db, tx.actor, {
        action: "update",
        entity: "cpd_booking",
        entityId: booking.id,
        before: { status: booking.status },
        after: { status: "cancelled", eventCancelled: true },
      });
      await sendBookingMail(tx.mailer, {
        kind: "event_cancelled",
        hubId: tx.actor.hubId,
        hubName: hub?.name ?? tx.actor.hubName,
        event,
        sessions,
        booking: updated,
        places: places.filter((p) => p.bookingId === booking.id),
        schoolName,
        link: `${tx.config.publicUrl}/cpd/bookings`,
        now,
        note: reason,
      });
    }
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_event",
      entityId: id,
      before: { status: before.status, booked: before.bookedPlaces, waitlisted: before.waitlistedPlaces },
      after: { status: "cancelled", reason, bookingsCancelled: active.length, placesFreed },
    });
    return {
      event: presentEvent(event, sessions),
      bookingsCancelled: active.length,
      placesFreed,
    };
  });
};
