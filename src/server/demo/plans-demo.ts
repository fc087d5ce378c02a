import { and, eq } from "drizzle-orm";
import { parsePlanRows } from "../../shared/rules/plan-import";
import type { DbOrTx } from "../db/client";
import { planObjectives, planPublications, planRoles, plans, planTargets } from "../db/schema/index";
import { insertObjectives } from "../modules/plans/plan-import.service";
import { snapshotHub } from "../modules/plans/plan-snapshots";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

/**
 * The demo hub's plan, laid out like seed 002 (numbered objectives, each with actions and
 * resources, leads by role, SMART targets and milestones, by when, monitor, budget and the next
 * period's targets), in Tutti's own words: the hub and every detail are fictional.
 */
const HEADER = [
  "Objective number",
  "Objective",
  "Action",
  "Lead",
  "Target",
  "By when",
  "Monitor",
  "Budget",
  "Next year target",
];
const ROWS: string[][] = [
  [
    "1",
    "Talk with every school about music",
    "Consult heads, music leads and governors on the plan",
    "HoS/DHoS",
    "i. Key school groups consulted on the vision",
    "Oct 2025",
    "Gov",
    "Within roles",
    "Repeat with the next group of schools",
  ],
  [
    "",
    "",
    "",
    "",
    "ii. Every open school contacted this year",
    "Jul 2026",
    "HoS/Exec",
    "",
    "Every school again, with a termly news letter",
  ],
  [
    "",
    "",
    "Termly news to music leads",
    "C&MM",
    "iii. Feedback from schools gathered and shared",
    "Mar 2026",
    "Exec",
    "£400 (printing)",
    "Repeat",
  ],
  [
    "",
    "",
    "Area meetings of music leads",
    "AML",
    "iv. Half of schools with music in their development plan",
    "Aug 2026",
    "SDM",
    "Within roles",
    "The other half",
  ],
  [
    "2",
    "Know our schools through data",
    "Keep the schools register and music data current",
    "BM",
    "i. Every school in the register with this year's music data asked for",
    "Nov 2025",
    "HoS",
    "Within roles",
    "Data asked for each autumn",
  ],
  [
    "",
    "",
    "Rate schools red, amber or green after a conversation",
    "SLE/AML",
    "ii. Four in five schools with a RAG rating",
    "Jun 2026",
    "Exec",
    "",
    "Ratings reviewed each term",
  ],
  [
    "3",
    "Visit and support schools",
    "Supportive visits with a written report",
    "SLE",
    "i. Six in ten schools visited with an approved report",
    "Jul 2026",
    "Gov",
    "Within roles",
    "Three in four schools",
  ],
  ["", "", "", "", "ii. Every school visited at least once in two years", "Aug 2027", "Gov", "", ""],
  [
    "4",
    "Grow the workforce",
    "CPD for class teachers and music leads",
    "DHoS",
    "i. Half of schools booked on hub CPD",
    "Jul 2026",
    "Exec",
    "£3,000 (hub grant)",
    "Two in three schools",
  ],
  [
    "5",
    "Share what works",
    "Lead Schools in every focus area",
    "DHoS/SLE",
    "i. A Lead School appointed for each focus area",
    "Sep 2026",
    "Gov",
    "£1,500 (release time)",
    "Review the focus areas",
  ],
  [
    "",
    "",
    "Quality mark for schools",
    "HoS",
    "ii. Most schools of the first cohort apply",
    "Jun 2026",
    "Gov",
    "Within roles",
    "A second cohort",
  ],
];

/** Which targets are measured live: [objective, target text starts with] → measure, goal, deadline. */
const LIVE: readonly { starts: string; measure: string; goal: number; deadline: string }[] = [
  {
    starts: "ii. Every open school contacted",
    measure: "schools_communicated_share",
    goal: 1,
    deadline: "2026-07-31",
  },
  {
    starts: "iv. Half of schools with music",
    measure: "music_in_sdp_share",
    goal: 0.5,
    deadline: "2026-08-31",
  },
  {
    starts: "ii. Four in five schools",
    measure: "schools_rag_rated_share",
    goal: 0.8,
    deadline: "2026-06-30",
  },
  {
    starts: "i. Six in ten schools visited",
    measure: "schools_visited_share",
    goal: 0.6,
    deadline: "2026-07-31",
  },
  {
    starts: "ii. Every school visited at least once",
    measure: "schools_visited_two_years_share",
    goal: 1,
    deadline: "2027-08-31",
  },
  {
    starts: "i. Half of schools booked",
    measure: "cpd_schools_reached_share",
    goal: 0.5,
    deadline: "2026-07-31",
  },
  {
    starts: "i. A Lead School appointed",
    measure: "lead_school_focus_coverage",
    goal: 1,
    deadline: "2026-09-30",
  },
  {
    starts: "ii. Most schools of the first cohort",
    measure: "quality_mark_cohort_applied_share",
    goal: 0.75,
    deadline: "2026-06-30",
  },
];

export const DEMO_ROLES = [
  { abbreviation: "HoS", meaning: "Head of Service" },
  { abbreviation: "DHoS", meaning: "Deputy Head of Service" },
  { abbreviation: "SLE", meaning: "Specialist Leader in Education (music)" },
  { abbreviation: "AML", meaning: "Area Music Leader" },
  { abbreviation: "BM", meaning: "Business Manager" },
  { abbreviation: "C&MM", meaning: "Communications and Marketing Manager" },
  { abbreviation: "SDM", meaning: "School Development Manager" },
  { abbreviation: "Gov", meaning: "The hub's governing group" },
  { abbreviation: "Exec", meaning: "The hub's executive group" },
];

export const DEMO_PLAN_TITLE = "School Music Education Plan 2025–2027";
export const DEMO_PLAN_SUMMARY =
  "Our plan for music in every school of the area: what we aim for, how we will get there, and how far we have come. Values are taken from the hub's records each day.";

/** The plan, its glossary, live targets (owned by the demo staff member) and published summary, with today's snapshot. */
export const loadDemoPlan = async (
  db: DbOrTx,
  actor: Actor,
  ownerId: string | undefined,
  now = new Date(),
): Promise<void> => {
  const parsed = parsePlanRows([HEADER, ...ROWS]);
  if (parsed.errors.length) throw new Error(`demo plan: ${JSON.stringify(parsed.errors)}`);
  const [plan] = await db
    .insert(plans)
    .values({ hubId: actor.hubId, title: DEMO_PLAN_TITLE, startsOn: "2025-09-01", endsOn: "2027-08-31" })
    .returning();
  if (!plan) throw new Error("demo plan not created");
  await insertObjectives(db, actor.hubId, plan.id, parsed.objectives);
  const targets = await db
    .select({ id: planTargets.id, text: planTargets.text })
    .from(planTargets)
    .where(and(eq(planTargets.hubId, actor.hubId), eq(planTargets.planId, plan.id)));
  for (const live of LIVE) {
    const t = targets.find((x) => x.text.startsWith(live.starts));
    if (!t) throw new Error(`demo plan: no target "${live.starts}"`);
    await db
      .update(planTargets)
      .set({
        measure: live.measure,
        goal: live.goal,
        deadline: live.deadline,
        ownerId: ownerId ?? null,
        status: "on_track",
      })
      .where(eq(planTargets.id, t.id));
  }
  await db.insert(planRoles).values(DEMO_ROLES.map((r) => ({ hubId: actor.hubId, ...r })));
  // The hub publishes a summary: every objective, with its targets' status and latest value.
  const objectives = await db
    .select({ id: planObjectives.id })
    .from(planObjectives)
    .where(and(eq(planObjectives.hubId, actor.hubId), eq(planObjectives.planId, plan.id)));
  await db.insert(planPublications).values({
    planId: plan.id,
    hubId: actor.hubId,
    published: true,
    summary: DEMO_PLAN_SUMMARY,
    objectiveIds: objectives.map((o) => o.id),
    showTargets: true,
    publishedAt: now,
  });
  await recordAudit(db, actor, {
    action: "create",
    entity: "plan",
    entityId: plan.id,
    after: { title: DEMO_PLAN_TITLE },
  });
  await snapshotHub(db, actor.hubId, now);
};
