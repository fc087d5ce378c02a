import { academicYearOf } from "../../shared/rules/academic-year";
import { MUSIC_FIGURES } from "../../shared/schemas/schools";
import { insertRows } from "../db/bulk-insert";
import type { Db } from "../db/client";
import { type FigureProvenance, schoolContacts, schoolMusicData, schools } from "../db/schema/index";
import type { Actor } from "../platform/actor";
import { recordAuditMany } from "../platform/audit";
import { type DemoMusicYear, type DemoSchool, generateDemoSchools } from "./schools-demo";

const FIGURE_KEYS = [...MUSIC_FIGURES.map((f) => f.key), "sdpMusic"] as const;

/** When a year's figures were "entered": the July that ends it, or now for the year under way. */
const enteredAt = (academicYear: string, now: Date): string => {
  const end = new Date(`${Number(academicYear.slice(0, 4)) + 1}-07-01T12:00:00.000Z`);
  return (end < now ? end : now).toISOString();
};

const provenanceOf = (m: DemoMusicYear, at: string): FigureProvenance => {
  const out: FigureProvenance = {};
  for (const key of FIGURE_KEYS)
    if (m[key] !== null) out[key] = { by: null, byName: "Demo data", at, source: "demo" };
  return out;
};

const schoolValues = (
  hubId: string,
  s: DemoSchool,
  areaIds: Map<string, string>,
): typeof schools.$inferInsert => {
  const { area, ...register } = s;
  const areaId = areaIds.get(area) ?? null;
  return { ...register, hubId, source: "demo", giasHash: null, areaId, areaSource: areaId ? "rule" : null };
};

/** The first open primary school by name: the demo school user's school. */
const firstOpenPrimary = (xs: DemoSchool[]): DemoSchool | undefined =>
  xs
    .filter((s) => s.status === "open" && s.phase === "primary")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.urn - b.urn))[0];

/**
 * Loads the demo hub's ~400 fictional schools (with their audit entries and the demo school's
 * contacts) in one transaction and in bulk. Areas come from each school's demo area (source
 * "rule"); link officers stay empty (the demo people are added later). Returns the school the
 * demo school user is bound to, and `loadMusicData`, which writes their five years of music
 * figures (the caller runs it when it suits).
 */
export const loadDemoSchools = async (
  db: Db,
  actor: Actor,
  areaIds: Map<string, string>,
  now: Date = new Date(),
): Promise<{ firstSchoolId: string | null; loadMusicData: () => Promise<void> }> => {
  const data = generateDemoSchools({ seed: 2026, count: 400, currentYear: academicYearOf(now) });
  const first = firstOpenPrimary(data.schools);
  const loaded = await db.transaction(async (tx) => {
    const idByUrn = new Map<number, string>();
    const rows = await insertRows(
      tx,
      schools,
      data.schools.map((s) => schoolValues(actor.hubId, s, areaIds)),
      ["id", "urn", "name"],
    );
    for (const r of rows) idByUrn.set(r.urn, r.id);
    await recordAuditMany(
      tx,
      actor,
      rows.map((r) => ({
        action: "create",
        entity: "school",
        entityId: r.id,
        after: { urn: r.urn, name: r.name, source: "demo" },
      })),
    );

    const firstSchoolId = first ? (idByUrn.get(first.urn) ?? null) : null;
    if (firstSchoolId && first) {
      const domain = "school.example";
      const head = [first.headFirstName, first.headLastName].filter(Boolean).join(" ") || "Avery Lockwood";
      await tx.insert(schoolContacts).values([
        {
          hubId: actor.hubId,
          schoolId: firstSchoolId,
          role: "headteacher",
          name: head,
          email: `head@${domain}`,
          phone: first.phone,
        },
        {
          hubId: actor.hubId,
          schoolId: firstSchoolId,
          role: "music_lead",
          name: "Jo Whitfield",
          email: `music@${domain}`,
          phone: null,
        },
        {
          hubId: actor.hubId,
          schoolId: firstSchoolId,
          role: "governor",
          name: "Dev Hartigan",
          email: null,
          phone: null,
        },
      ]);
    }
    return { firstSchoolId, idByUrn };
  });
  // The five years of music figures: one statement of their own, which `loadDemo` runs beside
  // the accounts and the rest (decision 031).
  const loadMusicData = async () => {
    const music = data.musicData.flatMap((m) => {
      const schoolId = loaded.idByUrn.get(m.urn);
      if (!schoolId) return [];
      const { urn: _urn, academicYear, ...figures } = m;
      return [
        {
          hubId: actor.hubId,
          schoolId,
          academicYear,
          ...figures,
          provenance: provenanceOf(m, enteredAt(academicYear, now)),
        },
      ];
    });
    await insertRows(db, schoolMusicData, music);
  };
  return { firstSchoolId: loaded.firstSchoolId, loadMusicData };
};
