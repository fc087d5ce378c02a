import { QM_LEVEL_LABELS } from "../../../shared/rules/quality-mark";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { systemActor } from "../../platform/actor";
import type { Deps } from "../../platform/context";
import { type JobRegistry, NIGHTLY } from "../../platform/jobs";
import { londonDate } from "../engagement/visits.calendar";
import { windowEndOf } from "./awards.service";
import { mailSchool } from "./quality-mark.mail";
import { qmRepository } from "./quality-mark.repository";

/**
 * Awards about to expire (last day within the window) prompt their school once by e-mail to
 * renew. Each award is marked in the same transaction as its messages, so a second run (or a
 * second worker, which skips locked rows) sends nothing twice. Returns how many were prompted.
 */
export const promptRenewals = async (deps: Pick<Deps, "db" | "mailer" | "clock">): Promise<number> => {
  const on = londonDate(deps.clock());
  return deps.db.transaction(async (tx) => {
    const repo = qmRepository(tx);
    const due = await repo.awardsToPrompt(on, windowEndOf(on));
    const mailer = deps.mailer.within(tx);
    for (const d of due) {
      const hub = { id: d.award.hubId, name: d.hubName, slug: "" };
      await mailSchool(
        { db: tx, mailer, actor: systemActor(hub) },
        d.award.schoolId,
        {
          subject: `Quality mark: time to renew ${d.schoolName}'s ${QM_LEVEL_LABELS[d.award.level]} award`,
          body: `${d.schoolName}'s ${QM_LEVEL_LABELS[d.award.level]} quality mark is valid until ${formatUkDate(
            d.award.validUntil,
          )}. To keep it, start a new application in Tutti before then.`,
        },
        hub,
      );
      await repo.markPrompted(d.award.id, deps.clock());
    }
    return due.length;
  });
};

export const registerQualityMarkJobs = (jobs: JobRegistry): void => {
  jobs.registerSchedule({
    name: "quality-mark-renewals",
    cron: NIGHTLY,
    task: async ({ deps }) => {
      await promptRenewals(deps);
    },
  });
};
