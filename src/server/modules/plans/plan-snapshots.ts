import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { hubs, planMeasureSnapshots } from "../../db/schema/index";
import type { JobRegistry } from "../../platform/jobs";
import { NIGHTLY } from "../../platform/jobs";
import { computeMeasure } from "./measure-catalogue";
import { registerPlanReminderJobs } from "./plan-reminders";
import { dayOf } from "./plan-view";
import { plansRepository } from "./plans.repository";

/**
 * Takes today's value of every measure a live target of the hub is bound to (once a day by the
 * job, or on demand): one row per hub, measure and day, the later taking replacing the earlier.
 */
export const snapshotHub = async (db: DbOrTx, hubId: string, now: Date): Promise<number> => {
  const on = dayOf(now);
  const measures = await plansRepository(db).boundMeasures(hubId);
  let taken = 0;
  for (const measure of measures) {
    const value = await computeMeasure(measure, { db, hubId, on });
    if (!value) continue; // not available yet: nothing is recorded, never a made-up number
    await db
      .insert(planMeasureSnapshots)
      .values({
        hubId,
        measure,
        on,
        value: value.value,
        numerator: value.numerator,
        denominator: value.denominator,
      })
      .onConflictDoUpdate({
        target: [planMeasureSnapshots.hubId, planMeasureSnapshots.measure, planMeasureSnapshots.on],
        set: {
          value: value.value,
          numerator: value.numerator ?? null,
          denominator: value.denominator ?? null,
          takenAt: sql`now()`,
        },
      });
    taken++;
  }
  return taken;
};

/** Every hub with a bound target, one after the other. */
export const snapshotAllHubs = async (
  db: DbOrTx,
  now: Date,
): Promise<{ hubs: number; snapshots: number }> => {
  const rows = await db
    .selectDistinct({ id: hubs.id })
    .from(hubs)
    .where(
      sql`exists (select 1 from plan_targets t where t.hub_id = ${hubs.id} and t.measure is not null and not t.retired)`,
    );
  let snapshots = 0;
  for (const h of rows) snapshots += await snapshotHub(db, h.id, now);
  return { hubs: rows.length, snapshots };
};

export const PLAN_SNAPSHOT_SCHEDULE = "plans-daily-snapshots";

/**
 * The plan's jobs: the daily snapshot of every bound measure (03:00 UTC, after the night's
 * imports) and the daily review reminders (plan-reminders.ts).
 */
export const registerPlanJobs = (jobs: JobRegistry): void => {
  jobs.registerSchedule({
    name: PLAN_SNAPSHOT_SCHEDULE,
    cron: NIGHTLY.replace(/^0 2/, "0 3"),
    backfillMs: 20 * 3600 * 1000,
    task: async ({ deps, log, scheduledFor }) => {
      const r = await snapshotAllHubs(deps.db, scheduledFor);
      log(`plan snapshots: ${r.snapshots} values for ${r.hubs} hubs`);
    },
  });
  registerPlanReminderJobs(jobs);
};
