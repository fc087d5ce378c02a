import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { CpdFeedbackLink, CpdLinkFeedbackInput } from "../../../shared/schemas/cpd";
import type { DbOrTx } from "../../db/client";
import { cpdBookings, cpdEvents, cpdFeedback, cpdPlaces, hubs } from "../../db/schema/index";
import { systemActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit";
import { type Deps, inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, notFound } from "../../platform/errors";
import type { Mailer } from "../../platform/mailer";
import { hashToken, newToken } from "../../platform/tokens";
import { can } from "./cpd.policy";
import type { CpdBookingRow, CpdEventRow } from "./cpd.repository";
import { cpdRepository } from "./cpd.repository";

const QUESTIONS =
  "Three short questions: how useful it was, and your confidence before and after. Your answers help the hub plan its next CPD.";

/**
 * Asks one booking's people for feedback, once: each person with a place gets their own link
 * (only its hash is kept); the booker, when not one of them, is told the links went out. In the
 * caller's transaction, with the booking marked as asked.
 */
export const askForFeedback = async (
  db: DbOrTx,
  mailer: Mailer,
  publicUrl: string,
  booking: CpdBookingRow,
  event: CpdEventRow,
  now: Date,
): Promise<void> => {
  await db.update(cpdBookings).set({ feedbackAskedAt: now }).where(eq(cpdBookings.id, booking.id));
  const repo = cpdRepository(db);
  const hubName = (await repo.hub(booking.hubId))?.name ?? "Your music hub";
  const places = (await repo.placesOf([booking.id])).filter((p) => p.active);
  const subject = `How was it? Feedback on ${event.title}`;
  for (const place of places) {
    const token = newToken();
    await db
      .update(cpdPlaces)
      .set({ feedbackTokenHash: hashToken(token) })
      .where(eq(cpdPlaces.id, place.id));
    await mailer.send({
      hubId: booking.hubId,
      to: place.email,
      subject,
      text: [
        `Dear ${place.name},`,
        "",
        `Thank you for coming to ${event.title}. ${QUESTIONS}`,
        "",
        `Your own feedback link (no sign-in needed): ${publicUrl}/cpd/feedback/${token}`,
        "",
        hubName,
      ].join("\n"),
    });
  }
  const booker = booking.bookerEmail?.toLowerCase();
  if (booker && !places.some((p) => p.email === booker))
    await mailer.send({
      hubId: booking.hubId,
      to: booker,
      subject,
      text: [
        `Each person you booked on ${event.title} has been sent their own feedback link. ${QUESTIONS}`,
        "",
        `You can also answer for them on your CPD bookings page: ${publicUrl}/cpd/bookings`,
        "",
        hubName,
      ].join("\n"),
    });
};

/** Hub staff send the feedback links as soon as the event has started (the schedule does it after). */
export const sendFeedbackLinksNow = async (
  ctx: ServiceContext,
  eventId: string,
): Promise<{ sent: number }> => {
  if (!can(ctx.actor, "manageEvents")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const event = await cpdRepository(tx.db).event(tx.actor.hubId, eventId, true);
    if (!event) throw notFound("The event");
    if (event.status !== "published")
      throw new AppError("conflict", "Only a published event asks for feedback");
    if (event.startsAt.getTime() > tx.clock().getTime())
      throw new AppError("conflict", "Feedback opens once the event has started");
    const waiting = await tx.db
      .select()
      .from(cpdBookings)
      .where(
        and(
          eq(cpdBookings.eventId, eventId),
          eq(cpdBookings.status, "booked"),
          isNull(cpdBookings.feedbackAskedAt),
        ),
      );
    for (const booking of waiting)
      await askForFeedback(tx.db, tx.mailer, tx.config.publicUrl, booking, event, tx.clock());
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_event",
      entityId: eventId,
      after: { feedbackLinksSent: waiting.length },
    });
    return { sent: waiting.length };
  });
};

const placeByToken = async (db: DbOrTx, token: string) =>
  (
    await db
      .select({
        place: cpdPlaces,
        booking: cpdBookings,
        event: cpdEvents,
        hubName: hubs.name,
        hubSlug: hubs.slug,
      })
      .from(cpdPlaces)
      .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
      .innerJoin(cpdEvents, eq(cpdEvents.id, cpdPlaces.eventId))
      .innerJoin(hubs, eq(hubs.id, cpdPlaces.hubId))
      .where(eq(cpdPlaces.feedbackTokenHash, hashToken(token)))
  )[0];

const invalidLink = () => notFound("This feedback link");

/** What a person's feedback link shows: whose it is, for which event, and whether it is answered. */
export const feedbackLink = async (deps: Deps, token: string): Promise<z.infer<typeof CpdFeedbackLink>> => {
  const found = await placeByToken(deps.db, token);
  if (found?.booking.status !== "booked") throw invalidLink();
  const [given] = await deps.db
    .select({ id: cpdFeedback.id })
    .from(cpdFeedback)
    .where(eq(cpdFeedback.placeId, found.place.id));
  return {
    hubName: found.hubName,
    eventTitle: found.event.title,
    name: found.place.name,
    startsAt: found.event.startsAt.toISOString(),
    given: given !== undefined,
  };
};

/** One person's answers through their own link (no sign-in): once per place. */
export const giveFeedbackByLink = async (
  deps: Deps,
  token: string,
  input: z.infer<typeof CpdLinkFeedbackInput>,
): Promise<{ id: string }> =>
  deps.db.transaction(async (tx) => {
    const found = await placeByToken(tx, token);
    if (found?.booking.status !== "booked") throw invalidLink();
    if (found.event.startsAt.getTime() > deps.clock().getTime())
      throw new AppError("conflict", "Feedback opens once the event has taken place");
    const [row] = await tx
      .insert(cpdFeedback)
      .values({
        hubId: found.place.hubId,
        eventId: found.event.id,
        placeId: found.place.id,
        usefulness: input.usefulness,
        confidenceBefore: input.confidenceBefore,
        confidenceAfter: input.confidenceAfter,
        comments: input.comments?.trim() || null,
      })
      .onConflictDoNothing()
      .returning({ id: cpdFeedback.id });
    if (!row) throw new AppError("conflict", "Your feedback has been given already. Thank you.");
    await recordAudit(tx, systemActor({ id: found.place.hubId, name: found.hubName, slug: found.hubSlug }), {
      action: "create",
      entity: "cpd_feedback",
      entityId: row.id,
      after: { ...input, by: found.place.name, through: "feedback link" },
    });
    return row;
  });
