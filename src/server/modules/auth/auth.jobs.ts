import { HOURLY, type JobRegistry } from "../../platform/jobs";
import { authRepository } from "./auth.repository";

/** Expired sessions are refused on sight; this hourly schedule clears them from the table too. */
export const registerAuthJobs = (jobs: JobRegistry): void => {
  jobs.registerSchedule({
    name: "sessions-sweep",
    cron: HOURLY,
    task: async ({ deps }) => {
      await authRepository(deps.db).deleteExpiredSessions(deps.clock());
    },
  });
};
