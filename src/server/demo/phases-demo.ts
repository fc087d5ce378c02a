import { and, asc, eq, ne } from "drizzle-orm";
import { academicYearOf } from "../../shared/rules/academic-year";
import type { Answers, Definition } from "../../shared/schemas/questionnaires";
import type { DbOrTx } from "../db/client";
import {
  engagementInterests,
  engagementPhaseSchools,
  engagementPhases,
  questionnaireResponses,
  questionnaireVersions,
  schools,
  visits,
} from "../db/schema/index";
import { ensureDefaultAudit } from "../modules/engagement/audits.service";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Believable answers to the default audit, varied by school (fictional). */
export const demoAuditAnswers = (definition: Definition, n: number): Answers => {
  const out: Answers = {};
  for (const [i, q] of definition.sections.flatMap((s) => s.questions).entries()) {
    const k = (n * 7 + i * 3) % 10;
    if (q.kind === "yes_no") out[q.id] = k < 7 ? "yes" : "no";
    else if (q.kind === "scale") out[q.id] = 1 + (k % 4);
    else if (q.kind === "number") out[q.id] = Math.min(q.max ?? 100, 20 + k * 5);
    else if (q.kind === "single_choice") out[q.id] = q.options?.[k % (q.options?.length || 1)]?.value ?? null;
    else if (q.kind === "short_text") out[q.id] = k < 5 ? "Year 4 class teacher, music lead" : "Deputy head";
    else if (q.kind === "long_text")
      out[q.id] = k < 4 ? "Singing assemblies each week; we would like help with the recorder club." : "";
  }
  return out;
};

const INTERESTS = [
  {
    kind: "be_visited",
    status: "pending",
    source: "public_form",
    name: "Priya Fictional",
    message: "New music lead; we would welcome a first conversation.",
  },
  { kind: "be_visited", status: "pending", source: "school_user", name: "Tom Madeup", message: null },
  {
    kind: "support_others",
    status: "pending",
    source: "school_user",
    name: "Grace Imaginary",
    message: "Our choir could host a partner school.",
  },
  {
    kind: "be_visited",
    status: "pending",
    source: "public_form",
    name: "Leo Invented",
    message: "Music dropped from our timetable last year.",
  },
  { kind: "be_visited", status: "accepted", source: "public_form", name: "Ana Sample", message: null },
  { kind: "support_others", status: "declined", source: "school_user", name: "Ben Notreal", message: null },
] as const;

/**
 * The demo hub's programme: the default pre-visit audit, last year's and this year's phases
 * with their schools, a few expressions of interest, and submitted audits of some schools of
 * this year's phase (two with a visit to come). Set-based inserts; the demo school user's own
 * school is left free to express interest and fill in its audit (the Playwright journey).
 */
export const loadDemoPhases = async (
  db: DbOrTx,
  actor: Actor,
  opts: { demoSchoolId: string | null; staffId: string | null; now?: Date },
): Promise<void> => {
  const now = opts.now ?? new Date();
  const audit = await ensureDefaultAudit(db, actor);
  const [version] = await db
    .select({ id: questionnaireVersions.id, definition: questionnaireVersions.definition })
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.templateId, audit.templateId), eq(questionnaireVersions.version, 1)));
  if (!version) throw new Error("the default audit has no version 1");
  const start = Number(academicYearOf(now).slice(0, 4));
  const year = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
  const phases = await db
    .insert(engagementPhases)
    .values([
      {
        hubId: actor.hubId,
        name: `Phase 1, ${year(start - 1)}`,
        startsOn: `${start - 1}-09-01`,
        endsOn: `${start}-07-31`,
      },
      {
        hubId: actor.hubId,
        name: `Phase 2, ${year(start)}`,
        startsOn: `${start}-09-01`,
        endsOn: `${start + 1}-07-31`,
      },
    ])
    .returning();
  const [last, current] = phases;
  if (!last || !current) throw new Error("demo phases not created");
  const open = await db
    .select({ id: schools.id })
    .from(schools)
    .where(
      and(
        eq(schools.hubId, actor.hubId),
        eq(schools.status, "open"),
        opts.demoSchoolId ? ne(schools.id, opts.demoSchoolId) : undefined,
      ),
    )
    .orderBy(asc(schools.name))
    .limit(60);
  const ids = open.map((s) => s.id);
  const lastIds = ids.slice(0, 24);
  const currentIds = ids.slice(20, 44);
  await db.insert(engagementPhaseSchools).values([
    ...lastIds.map((schoolId) => ({
      phaseId: last.id,
      schoolId,
      hubId: actor.hubId,
      joinedVia: "invitation" as const,
    })),
    ...currentIds.map((schoolId, i) => ({
      phaseId: current.id,
      schoolId,
      hubId: actor.hubId,
      joinedVia: i % 5 === 0 ? ("interest" as const) : ("invitation" as const),
    })),
  ]);
  const interestSchools = ids.slice(44, 44 + INTERESTS.length);
  await db.insert(engagementInterests).values(
    INTERESTS.flatMap((it, i) => {
      const schoolId = interestSchools[i];
      if (!schoolId) return [];
      const at = new Date(now.getTime() - (3 + i * 4) * DAY);
      return [
        {
          hubId: actor.hubId,
          schoolId,
          kind: it.kind,
          status: it.status,
          source: it.source,
          contactName: it.name,
          contactEmail: `${it.name.toLowerCase().replace(" ", ".")}@school.example`,
          message: it.message,
          phaseId: it.status === "accepted" ? current.id : null,
          decisionReason:
            it.status === "declined"
              ? "We have enough supporting schools this year; we will ask again in the spring."
              : null,
          decidedBy: it.status === "pending" ? null : opts.staffId,
          decidedAt: it.status === "pending" ? null : new Date(at.getTime() + DAY),
          createdAt: at,
        },
      ];
    }),
  );
  // Submitted audits: the first six schools of this year's phase.
  const audited = currentIds.slice(0, 6);
  await db.insert(questionnaireResponses).values(
    audited.map((schoolId, i) => {
      const at = new Date(now.getTime() - (10 + i * 6) * DAY);
      return {
        hubId: actor.hubId,
        templateId: audit.templateId,
        versionId: version.id,
        schoolId,
        status: "submitted" as const,
        answers: demoAuditAnswers(version.definition, i),
        createdAt: new Date(at.getTime() - 2 * DAY),
        updatedAt: at,
        submittedAt: at,
      };
    }),
  );
  // Two of them have their first visit still to come (the "audits waiting" card).
  await db.insert(visits).values(
    audited.slice(0, 2).map((schoolId, i) => ({
      hubId: actor.hubId,
      schoolId,
      date: isoDay(new Date(now.getTime() + (6 + i * 7) * DAY)),
      time: "10:00",
      purpose: "first_conversation" as const,
      attendeeIds: opts.staffId ? [opts.staffId] : [],
    })),
  );
  await recordAudit(db, actor, {
    action: "create",
    entity: "phase",
    entityId: current.id,
    after: { demo: true, phases: 2, interests: INTERESTS.length, audits: audited.length },
  });
};
