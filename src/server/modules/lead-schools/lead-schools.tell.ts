import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { FOCUS_AREA_LABELS, type FocusArea } from "../../../shared/rules/focus-areas";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Db, DbOrTx } from "../../db/client";
import {
  hubs,
  leadSchoolApplications,
  leadSchoolRounds,
  leadSchools,
  schoolContacts,
  schools,
  users,
} from "../../db/schema/index";
import type { JobRegistry } from "../../platform/jobs";
import type { Mailer } from "../../platform/mailer";
import { londonDate } from "../engagement/visits.calendar";

/**
 * Telling schools (decision 026): a decision is written at once, and the school is told on the
 * round's date: the shortlist decision on "shortlist told", the appointment on "announcement".
 * A decision taken on or after its date is told in the same transaction; one taken before it is
 * told by the hourly schedule `lead-schools-tell` once the date has come. `told_at` and
 * `announced_at` make each message go once.
 */
export const tellApplication = async (
  db: DbOrTx,
  mailer: Mailer,
  hubId: string,
  id: string,
  now: Date,
): Promise<number> => {
  const on = londonDate(now);
  const [row] = await db
    .select({
      app: leadSchoolApplications,
      round: leadSchoolRounds,
      schoolName: schools.name,
      hubName: hubs.name,
      creator: users.email,
    })
    .from(leadSchoolApplications)
    .innerJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
    .innerJoin(schools, eq(schools.id, leadSchoolApplications.schoolId))
    .innerJoin(hubs, eq(hubs.id, leadSchoolApplications.hubId))
    .leftJoin(users, eq(users.id, leadSchoolApplications.createdBy))
    .where(and(eq(leadSchoolApplications.hubId, hubId), eq(leadSchoolApplications.id, id)))
    .for("update", { of: leadSchoolApplications });
  if (!row) return 0;
  const { app, round } = row;
  let subject: string | undefined;
  let body = "";
  if ((app.status === "shortlisted" || app.status === "declined") && !app.toldAt && on >= round.shortlistOn) {
    subject =
      app.status === "shortlisted"
        ? `${row.schoolName} is shortlisted to become a Lead School`
        : `Your Lead School application: ${round.title}`;
    body =
      app.status === "shortlisted"
        ? `${row.schoolName} is shortlisted in ${round.title}. We will visit for half a day from ${formatUkDate(round.visitsFrom)}, and announce the Lead Schools on ${formatUkDate(round.announceOn)}.`
        : `Thank you for applying. ${row.schoolName} has not been chosen this time.\n\nReason: ${app.decisionReason ?? ""}${app.feedback ? `\n\nFeedback: ${app.feedback}` : ""}`;
  }
  let leadId: string | undefined;
  if (app.status === "appointed") {
    const [lead] = await db
      .select()
      .from(leadSchools)
      .where(
        and(
          eq(leadSchools.applicationId, id),
          isNull(leadSchools.announcedAt),
          lte(leadSchools.announceOn, on),
        ),
      );
    if (lead) {
      leadId = lead.id;
      subject = `${row.schoolName} is appointed a Lead School`;
      body = `Congratulations: ${row.schoolName} is a Lead School of ${row.hubName} from ${formatUkDate(lead.fromDate)} to ${formatUkDate(lead.toDate)}, leading ${(lead.focusAreas as FocusArea[]).map((f) => FOCUS_AREA_LABELS[f].toLowerCase()).join(", ")}. It is listed on the hub's public Lead Schools page from today.`;
    }
  }
  if (!subject) return 0;
  const contacts = await db
    .select({ name: schoolContacts.name, email: schoolContacts.email })
    .from(schoolContacts)
    .where(eq(schoolContacts.schoolId, app.schoolId));
  const to = new Map<string, string>();
  for (const c of contacts) if (c.email) to.set(c.email.trim().toLowerCase(), c.name);
  if (row.creator) to.set(row.creator.toLowerCase(), "colleague");
  for (const [email, name] of to)
    await mailer.send({ hubId, to: email, subject, text: `Dear ${name},\n\n${body}\n\n${row.hubName}` });
  await db.update(leadSchoolApplications).set({ toldAt: now }).where(eq(leadSchoolApplications.id, id));
  if (leadId) await db.update(leadSchools).set({ announcedAt: now }).where(eq(leadSchools.id, leadId));
  return to.size;
};

/** Tells every school whose date has come (all hubs): the hourly schedule's work. */
export const tellDue = async (db: Db, mailer: Mailer, now: Date): Promise<number> => {
  const on = londonDate(now);
  const due = await db
    .select({ id: leadSchoolApplications.id, hubId: leadSchoolApplications.hubId })
    .from(leadSchoolApplications)
    .innerJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
    .where(
      sql`(${leadSchoolApplications.status} in ('shortlisted', 'declined') and ${leadSchoolApplications.toldAt} is null and ${leadSchoolRounds.shortlistOn} <= ${on})
       or (${leadSchoolApplications.status} = 'appointed' and exists (select 1 from lead_schools l where l.application_id = ${leadSchoolApplications.id} and l.announced_at is null and l.announce_on <= ${on}))`,
    );
  let sent = 0;
  for (const d of due)
    sent += await db.transaction((tx) => tellApplication(tx, mailer.within(tx), d.hubId, d.id, now));
  return sent;
};

export const registerLeadSchoolJobs = (jobs: JobRegistry): void => {
  jobs.registerSchedule({
    name: "lead-schools-tell",
    cron: "5 * * * *",
    task: async ({ deps }) => {
      await tellDue(deps.db, deps.mailer, deps.clock());
    },
  });
};
