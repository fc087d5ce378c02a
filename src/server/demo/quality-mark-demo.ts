import { and, asc, eq, ne } from "drizzle-orm";
import { academicYearOf, previousAcademicYears } from "../../shared/rules/academic-year";
import { QM_LEVELS, validUntil } from "../../shared/rules/quality-mark";
import type { DbOrTx } from "../db/client";
import { qmApplications, qmAwards, qmFrameworks, schools } from "../db/schema/index";
import { defaultFramework } from "../modules/quality-mark/framework-default";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

/**
 * Two past academic years of the quality mark for the demo hub: the default framework for each
 * year, about one open school in ten applying each year (most awarded, a few "not yet"), and
 * their awards. Written with one statement per table (set-based), and one audit entry.
 * The demo school user's school is left out, so its journey starts from nothing.
 */
export const loadDemoQualityMark = async (
  db: DbOrTx,
  actor: Actor,
  opts: { skipSchoolId: string | null; moderatorId: string | null; now?: Date },
): Promise<{ awards: number }> => {
  const now = opts.now ?? new Date();
  const [older, last] = previousAcademicYears(academicYearOf(now), 3);
  if (!older || !last) return { awards: 0 };
  const rows = await db
    .select({ id: schools.id })
    .from(schools)
    .where(
      and(
        eq(schools.hubId, actor.hubId),
        eq(schools.status, "open"),
        opts.skipSchoolId ? ne(schools.id, opts.skipSchoolId) : undefined,
      ),
    )
    .orderBy(asc(schools.urn));
  const frameworks = await db
    .insert(qmFrameworks)
    .values(
      [older, last].map((y) => ({
        hubId: actor.hubId,
        academicYear: y,
        version: 1,
        definition: defaultFramework(),
      })),
    )
    .returning({ id: qmFrameworks.id, academicYear: qmFrameworks.academicYear });
  const plan = [older, last].flatMap((year, yi) =>
    rows
      .filter((_, i) => i % 10 === (yi === 0 ? 3 : 7))
      .map((s, i) => {
        const start = Number(year.slice(0, 4));
        const awardedOn = `${start + 1}-${String(3 + (i % 4)).padStart(2, "0")}-${String(10 + (i % 15)).padStart(2, "0")}`;
        const notYet = i % 9 === 4;
        const level = QM_LEVELS[[0, 1, 0, 2, 1, 0, 3][i % 7] ?? 0] ?? "bronze";
        return { schoolId: s.id, year, awardedOn, notYet, level };
      }),
  );
  if (!plan.length) return { awards: 0 };
  const frameworkOf = new Map(frameworks.map((f) => [f.academicYear, f.id]));
  const apps = await db
    .insert(qmApplications)
    .values(
      plan.map((p) => ({
        hubId: actor.hubId,
        schoolId: p.schoolId,
        frameworkId: frameworkOf.get(p.year) ?? "",
        academicYear: p.year,
        level: p.level,
        status: p.notYet ? ("not_yet" as const) : ("awarded" as const),
        outcomeLevel: p.notYet ? null : p.level,
        outcomeReasons: p.notYet ? "Singing is not yet weekly in every class; apply again next year." : null,
        moderatorId: opts.moderatorId,
        submittedAt: new Date(`${p.awardedOn}T09:00:00Z`),
        decidedAt: new Date(`${p.awardedOn}T15:00:00Z`),
      })),
    )
    .returning({
      id: qmApplications.id,
      schoolId: qmApplications.schoolId,
      year: qmApplications.academicYear,
    });
  const appOf = new Map(apps.map((a) => [`${a.schoolId} ${a.year}`, a.id]));
  const awarded = plan.filter((p) => !p.notYet);
  if (awarded.length)
    await db.insert(qmAwards).values(
      awarded.map((p) => ({
        hubId: actor.hubId,
        schoolId: p.schoolId,
        level: p.level,
        awardedOn: p.awardedOn,
        academicYear: p.year,
        validUntil: validUntil(p.awardedOn),
        applicationId: appOf.get(`${p.schoolId} ${p.year}`) ?? null,
        moderatorId: opts.moderatorId,
      })),
    );
  await recordAudit(db, actor, {
    action: "create",
    entity: "qm_demo",
    entityId: actor.hubId,
    after: { years: [older, last], applications: apps.length, awards: awarded.length },
  });
  return { awards: awarded.length };
};
