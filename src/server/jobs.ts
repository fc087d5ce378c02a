import { registerAuthJobs } from "./modules/auth/auth.jobs";
import { registerCpdJobs } from "./modules/cpd/cpd.jobs";
import { registerLeadSchoolJobs } from "./modules/lead-schools/lead-schools.tell";
import { registerPlanJobs } from "./modules/plans/plan-snapshots";
import { registerQualityMarkJobs } from "./modules/quality-mark/quality-mark.jobs";
import { registerSchoolJobs } from "./modules/schools/school-imports.jobs";
import { createJobRegistry, type JobRegistry } from "./platform/jobs";
import { registerMailJobs } from "./platform/mail-jobs";

/** Every task and schedule of the app, registered by the module that owns it. */
export const appJobs = (): JobRegistry => {
  const jobs = createJobRegistry();
  registerMailJobs(jobs);
  registerAuthJobs(jobs);
  registerSchoolJobs(jobs);
  registerQualityMarkJobs(jobs);
  registerCpdJobs(jobs);
  registerPlanJobs(jobs);
  registerLeadSchoolJobs(jobs);
  return jobs;
};
