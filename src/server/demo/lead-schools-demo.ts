import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { FOCUS_AREAS, type FocusArea } from "../../shared/rules/focus-areas";
import { settingsOf } from "../../shared/rules/lead-school-coverage";
import { ApplicationAnswers, DEFAULT_CRITERIA } from "../../shared/schemas/lead-schools";
import type { DbOrTx } from "../db/client";
import {
  leadSchoolApplications,
  leadSchoolLedger,
  leadSchoolRounds,
  leadSchools,
  schools,
} from "../db/schema/index";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

const DAY = 24 * 60 * 60 * 1000;
const day = (now: Date, offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);

/** The focus areas the demo's Lead Schools lead: composition and improvisation is left as a gap. */
const LED: FocusArea[] = FOCUS_AREAS.filter((f) => f !== "composition_improvisation");

/**
 * Lead Schools of the demo hub: a past round whose appointed schools are in office (one of each
 * setting in most areas, with benefits and activities), and an open round with applications in
 * progress. Set-based inserts, a handful of statements. The demo school user's school is left
 * out, so a journey can take it through a round.
 */
export const loadDemoLeadSchools = async (
  db: DbOrTx,
  actor: Actor,
  excludeSchoolId: string | null,
  now: Date = new Date(),
): Promise<void> => {
  const hubId = actor.hubId;
  const open = await db
    .select({ id: schools.id, phase: schools.phase, areaId: schools.areaId })
    .from(schools)
    .where(
      and(
        eq(schools.hubId, hubId),
        eq(schools.status, "open"),
        inArray(schools.phase, ["primary", "secondary", "special"]),
        excludeSchoolId ? ne(schools.id, excludeSchoolId) : undefined,
      ),
    )
    .orderBy(asc(schools.urn));
  // One school per area and setting (the West has no secondary Lead School: a gap to show).
  const picked = new Map<string, (typeof open)[number]>();
  for (const s of open) {
    const setting = settingsOf(s.phase)[0];
    const key = setting === "specialist" ? "specialist" : `${s.areaId}-${setting}`;
    if (!picked.has(key)) picked.set(key, s);
  }
  const chosen = [...picked.values()];
  const west = chosen.findIndex((s, i) => i > 0 && s.phase === "secondary");
  if (west > 0) chosen.splice(west, 1);

  const [past, next] = await db
    .insert(leadSchoolRounds)
    .values([
      {
        hubId,
        title: "Lead Schools 2025–2028",
        closesOn: day(now, -330),
        shortlistOn: day(now, -316),
        visitsFrom: day(now, -300),
        announceOn: day(now, -270),
        lookingFor: "A primary and a secondary Lead School in every area, and a special school.",
        expectations: "Lead a network meeting each term, host visits and contribute resources.",
        benefits: "Kitemark badge, a free WCET programme, one free place at every hub CPD event.",
        criteria: DEFAULT_CRITERIA,
      },
      {
        hubId,
        title: "Lead Schools 2027 (composition and the West)",
        closesOn: day(now, 30),
        shortlistOn: day(now, 40),
        visitsFrom: day(now, 50),
        announceOn: day(now, 80),
        lookingFor: "A school to lead composition and improvisation, and a secondary school in the West.",
        expectations: "Lead a network meeting each term, host visits and contribute resources.",
        benefits: "Kitemark badge, a free WCET programme, one free place at every hub CPD event.",
        criteria: DEFAULT_CRITERIA,
      },
    ])
    .returning();
  if (!past || !next) throw new Error("demo rounds not created");
  const answers = (i: number, focus: FocusArea[]) =>
    ApplicationAnswers.parse({
      focusAreas: focus,
      focusReasons: "Music is at the heart of the school day.",
      trackRecord: "A choir in every key stage and a growing school band.",
      ks4Provision: true,
      instrumentPupils: 40 + i * 7,
      fsmPupilsEngaged: 10 + i,
    });
  const focusOf = (i: number): FocusArea[] => {
    const a = LED[i % LED.length];
    const b = LED[(i + 2) % LED.length];
    return [...new Set([a, b].filter((f): f is FocusArea => f !== undefined))];
  };
  const apps = await db
    .insert(leadSchoolApplications)
    .values(
      chosen.map((s, i) => ({
        hubId,
        roundId: past.id,
        schoolId: s.id,
        status: "appointed" as const,
        answers: answers(i, focusOf(i)),
        focusAreas: focusOf(i),
        submittedAt: new Date(now.getTime() - 335 * DAY),
        decidedAt: new Date(now.getTime() - 280 * DAY),
        toldAt: new Date(now.getTime() - 270 * DAY),
      })),
    )
    .returning();
  const leads = await db
    .insert(leadSchools)
    .values(
      apps.map((a) => ({
        hubId,
        schoolId: a.schoolId,
        applicationId: a.id,
        focusAreas: a.focusAreas,
        fromDate: past.announceOn,
        toDate: day(now, 3 * 365 - 270),
        announceOn: past.announceOn,
        announcedAt: new Date(now.getTime() - 270 * DAY),
      })),
    )
    .returning();
  await db.insert(leadSchoolLedger).values(
    leads.flatMap((l, i) => [
      {
        hubId,
        leadSchoolId: l.id,
        entry: "benefit" as const,
        kind: "kitemark_badge",
        date: past.announceOn,
        text: "Badge sent",
      },
      {
        hubId,
        leadSchoolId: l.id,
        entry: "activity" as const,
        kind: i % 2 ? "training" : "network_meeting",
        date: day(now, -120 + i),
        count: 1,
        text: i % 2 ? "Twilight training for class teachers" : "Autumn network meeting",
      },
    ]),
  );
  // The open round: a few applications in progress (drafts), from schools that are not Lead Schools.
  const inOffice = new Set(chosen.map((s) => s.id));
  const candidates = open.filter((s) => !inOffice.has(s.id)).slice(0, 4);
  if (candidates.length)
    await db.insert(leadSchoolApplications).values(
      candidates.map((s, i) => ({
        hubId,
        roundId: next.id,
        schoolId: s.id,
        answers: answers(
          i,
          i % 2 ? ["composition_improvisation"] : ["notation", "composition_improvisation"],
        ),
        focusAreas: i % 2 ? ["composition_improvisation"] : ["notation", "composition_improvisation"],
      })),
    );
  await recordAudit(db, actor, {
    action: "create",
    entity: "lead_school_round",
    entityId: past.id,
    after: { title: past.title, appointed: leads.length },
  });
  await recordAudit(db, actor, {
    action: "create",
    entity: "lead_school_round",
    entityId: next.id,
    after: { title: next.title },
  });
};
