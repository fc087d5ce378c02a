import { eq } from "drizzle-orm";
import { cpdBookings, schools } from "../../db/schema/index";
import type { Deps } from "../../platform/context";
import { cpdRepository } from "./cpd.repository";
import { askForFeedback } from "./cpd-feedback-links";
import { sendBookingMail } from "./cpd-mail";

const DAY = 86_400_000;

/**
 * After the event, each confirmed booking's people are asked for feedback (once), each with their
 * own link (cpd-feedback-links.ts).
 * Sends each confirmed booking its reminders: "in a week" when the event is 6 to 7 days away, "tomorrow" once it is a day away or less. Each is sent once
 * (the booking row records it, in the same transaction as the mail).
 */
export const sendCpdReminders = async (
  deps: Deps,
  now: Date,
): Promise<{ week: number; day: number; feedback: number }> => {
  const sent = { week: 0, day: 0, feedback: 0 };
  for (const which of ["day", "week", "feedback"] as const) {
    // A booking made inside the last week before the event has just had its confirmation.
    const from = which === "week" ? new Date(now.getTime() + 6 * DAY) : now;
    const to = new Date(now.getTime() + (which === "week" ? 7 : 1) * DAY);
    const repo = cpdRepository(deps.db);
    // Feedback is asked for once, in the two days after the event ends.
    const due =
      which === "feedback"
        ? await repo.dueFeedbackRequests(new Date(now.getTime() - 2 * DAY), now)
        : await repo.dueReminders(from, to, which);
    for (const { booking, event } of due) {
      if (which === "feedback") {
        // Each person gets their own link (cpd-feedback-links.ts); the booking is marked asked.
        await deps.db.transaction((tx) =>
          askForFeedback(tx, deps.mailer.within(tx), deps.config.publicUrl, booking, event, now),
        );
        sent.feedback++;
        continue;
      }
      await deps.db.transaction(async (tx) => {
        const repo = cpdRepository(tx);
        await tx
          .update(cpdBookings)
          .set(
            which === "week"
              ? { remindedWeekAt: now }
              : { remindedDayAt: now, remindedWeekAt: booking.remindedWeekAt ?? now },
          )
          .where(eq(cpdBookings.id, booking.id));
        const [school] = await tx
          .select({ name: schools.name })
          .from(schools)
          .where(eq(schools.id, booking.schoolId));
        const hub = await repo.hub(booking.hubId);
        await sendBookingMail(deps.mailer.within(tx), {
          kind: which,
          hubId: booking.hubId,
          hubName: hub?.name ?? "Your music hub",
          event,
          sessions: await repo.sessionsOf([event.id]),
          booking,
          places: (await repo.placesOf([booking.id])).filter((p) => p.active),
          schoolName: school?.name ?? "your school",
          link: `${deps.config.publicUrl}/cpd/bookings`,
          now,
        });
      });
      sent[which]++;
    }
  }
  return sent;
};
