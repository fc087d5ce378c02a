import { and, eq, sql } from "drizzle-orm";
import { formatUkDate } from "../../../shared/rules/uk-date";
import {
  hubs,
  planReviewReminders,
  planReviews,
  plans,
  planTargets,
  planUpdates,
  users,
} from "../../db/schema/index";
import type { Deps } from "../../platform/context";
import { type JobRegistry, NIGHTLY } from "../../platform/jobs";
import { londonDate } from "../engagement/visits.calendar";

/**
 * Review reminders (issue 14: "a review cycle asks each owner for an update"). Opening a review
 * e-mails every owner at once; this daily schedule then reminds each owner who still has a
 * target without an update in that review: a week before the due day, on the due day, and a
 * week after it. Each reminder is recorded with its message in one transaction (one row per
 * review, person and kind, unique), so a second run or a second worker never sends one twice.
 * Monitors ("Gov", "Exec") are groups written as text, not people with addresses: the owners
 * are the people asked.
 */

export type ReminderKind = "week" | "due" | "overdue";

const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Which reminder a review due on `dueOn` calls for on day `on` (null: none yet). */
export const reminderKind = (dueOn: string, on: string): ReminderKind | null => {
  if (on < addDays(dueOn, -7)) return null;
  if (on < dueOn) return "week";
  if (on < addDays(dueOn, 7)) return "due";
  return "overdue";
};

const SUBJECT: Record<ReminderKind, string> = {
  week: "Update due in a week",
  due: "Update due today",
  overdue: "Update overdue",
};

/** Sends the reminders due on the clock's day (London); returns how many were sent. */
export const sendReviewReminders = async (deps: Pick<Deps, "db" | "mailer" | "clock" | "config">) => {
  const on = londonDate(deps.clock());
  return deps.db.transaction(async (tx) => {
    const open = await tx
      .select({
        id: planReviews.id,
        hubId: planReviews.hubId,
        planId: planReviews.planId,
        title: planReviews.title,
        dueOn: planReviews.dueOn,
        planTitle: plans.title,
        hubName: hubs.name,
      })
      .from(planReviews)
      .innerJoin(plans, eq(plans.id, planReviews.planId))
      .innerJoin(hubs, eq(hubs.id, planReviews.hubId))
      .where(and(eq(planReviews.status, "open"), sql`${planReviews.dueOn} <= ${addDays(on, 7)}`))
      .for("update", { of: planReviews, skipLocked: true });
    const mailer = deps.mailer.within(tx);
    let sent = 0;
    for (const review of open) {
      const kind = reminderKind(review.dueOn, on);
      if (!kind) continue;
      // Each owner's live targets with no update posted in this review yet.
      const waiting = await tx
        .select({ userId: users.id, name: users.name, email: users.email, text: planTargets.text })
        .from(planTargets)
        .innerJoin(users, eq(users.id, planTargets.ownerId))
        .where(
          and(
            eq(planTargets.hubId, review.hubId),
            eq(planTargets.planId, review.planId),
            eq(planTargets.retired, false),
            sql`not exists (select 1 from ${planUpdates} u where u.target_id = ${planTargets.id} and u.review_id = ${review.id})`,
          ),
        )
        .orderBy(users.id, planTargets.position);
      const byOwner = new Map<string, { name: string; email: string; targets: string[] }>();
      for (const w of waiting) {
        const entry = byOwner.get(w.userId) ?? { name: w.name, email: w.email, targets: [] };
        entry.targets.push(w.text);
        byOwner.set(w.userId, entry);
      }
      for (const [userId, owner] of byOwner) {
        const [claimed] = await tx
          .insert(planReviewReminders)
          .values({ hubId: review.hubId, reviewId: review.id, userId, kind, sentAt: deps.clock() })
          .onConflictDoNothing()
          .returning({ userId: planReviewReminders.userId });
        if (!claimed) continue;
        const when =
          kind === "overdue"
            ? `was due on ${formatUkDate(review.dueOn)}`
            : kind === "due"
              ? `is due today, ${formatUkDate(review.dueOn)}`
              : `is due on ${formatUkDate(review.dueOn)}`;
        await mailer.send({
          hubId: review.hubId,
          to: owner.email,
          subject: `${SUBJECT[kind]}: ${review.planTitle} (${review.title})`,
          text: `Hello ${owner.name},\n\nYour update for the review "${review.title}" of ${review.planTitle} ${when}. These targets you own have no update yet:\n\n${owner.targets
            .map((t) => `- ${t}`)
            .join(
              "\n",
            )}\n\nPost an update on each: ${deps.config.publicUrl}/plans/${review.planId}\n\n${review.hubName}, through Tutti`,
        });
        sent++;
      }
    }
    return sent;
  });
};

export const PLAN_REMINDER_SCHEDULE = "plans-review-reminders";

/** The daily schedule of review reminders (07:00 UTC, before the working day). */
export const registerPlanReminderJobs = (jobs: JobRegistry): void => {
  jobs.registerSchedule({
    name: PLAN_REMINDER_SCHEDULE,
    cron: NIGHTLY.replace(/^0 2/, "0 7"),
    task: async ({ deps, log }) => {
      const n = await sendReviewReminders(deps);
      log(`plan review reminders: ${n} sent`);
    },
  });
};
