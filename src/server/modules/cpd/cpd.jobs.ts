import { HOURLY, type JobRegistry } from "../../platform/jobs";
import { sendCpdReminders } from "./cpd-reminders";

/** Reminders a week and a day before each CPD event, checked every hour. */
export const registerCpdJobs = (jobs: JobRegistry): void => {
  jobs.registerSchedule({
    name: "cpd-reminders",
    cron: HOURLY,
    task: async ({ deps }) => {
      await sendCpdReminders(deps, deps.clock());
    },
  });
};
