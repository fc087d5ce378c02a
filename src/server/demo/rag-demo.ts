import { and, asc, eq } from "drizzle-orm";
import type { RagRating } from "../../shared/rules/rag-suggestion";
import { insertRows } from "../db/bulk-insert";
import type { DbOrTx } from "../db/client";
import { ragCurrent, ragRatings, schools } from "../db/schema/index";
import type { Actor } from "../platform/actor";
import { recordAuditMany } from "../platform/audit";

/** Fictional reasons, as a link officer might write them after a conversation. */
const DEMO_RATINGS: readonly { rating: RagRating; reason: string }[] = [
  {
    rating: "red",
    reason: "No music in the development plan and no curriculum music in KS2 since the spring",
  },
  { rating: "amber", reason: "New music lead in post; timetable being rebuilt for next term" },
  { rating: "green", reason: "Strong singing culture, WCET in year 4 and a growing school band" },
  { rating: "amber", reason: "Instrument learners down this year after the peripatetic timetable changed" },
  { rating: "green", reason: "Music in the plan with a governor link; curriculum time protected" },
  { rating: "red", reason: "Leadership changes: music dropped from the timetable in years 7 and 8" },
];

const DAY = 24 * 60 * 60 * 1000;

/**
 * Ratings for some demo schools (about one in sixteen), a few with an earlier rating in their
 * history, set by the demo hub's staff and admin over the past year; each audited.
 */
export const loadDemoRatings = async (
  db: DbOrTx,
  actor: Actor,
  setters: readonly string[],
  now: Date = new Date(),
): Promise<void> => {
  const rows = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.hubId, actor.hubId), eq(schools.status, "open")))
    .orderBy(asc(schools.urn));
  const chosen = rows.filter((_, i) => i % 16 === 5);
  // each rating, and whether it is its school's first (audited as "create", a later one "update")
  const given: { row: typeof ragRatings.$inferInsert; first: boolean }[] = [];
  for (const [i, school] of chosen.entries()) {
    const steps = i % 4 === 0 ? [i + 1, i] : [i];
    for (const [k, n] of steps.entries()) {
      const demo = DEMO_RATINGS[n % DEMO_RATINGS.length];
      if (!demo) continue;
      given.push({
        row: {
          hubId: actor.hubId,
          schoolId: school.id,
          rating: demo.rating,
          reason: demo.reason,
          suggested: demo.rating,
          setBy: setters[(i + k) % setters.length] ?? null,
          setAt: new Date(now.getTime() - (300 - ((i * 37) % 200) - k * 90) * DAY),
        },
        first: k === 0,
      });
    }
  }
  // In bulk (db/bulk-insert.ts): each school's current rating is its latest.
  const saved = await insertRows(
    db,
    ragRatings,
    given.map((g) => g.row),
    ["id", "schoolId", "rating", "reason", "setAt"],
  );
  const current = new Map<string, (typeof saved)[number]>();
  for (const r of saved) {
    const before = current.get(r.schoolId);
    if (!before || before.setAt < r.setAt) current.set(r.schoolId, r);
  }
  await insertRows(
    db,
    ragCurrent,
    [...current.values()].map((r) => ({
      schoolId: r.schoolId,
      hubId: actor.hubId,
      ratingId: r.id,
      rating: r.rating,
      setAt: r.setAt,
    })),
  );
  await recordAuditMany(
    db,
    actor,
    given.map(({ row, first }) => ({
      action: first ? "create" : "update",
      entity: "school_rag",
      entityId: row.schoolId,
      after: { rating: row.rating, reason: row.reason },
    })),
  );
};
