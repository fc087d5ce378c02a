import { previousAcademicYears } from "../../../shared/rules/academic-year";
import type { MusicYearFacts, RagInputName, RagInputs } from "../../../shared/rules/rag-suggestion";
import type { ServiceContext } from "../../platform/context";
import { type MusicFactsRow, ragRepository } from "./rag.repository";
import { londonDate } from "./visits.calendar";
import { visitFacts } from "./visits.rag-input";

/** A school as the providers need it. */
export type RagSchool = { id: string; phase: string };

/**
 * Gathers one input of the criteria for many schools at once (one query per page, never one per
 * school). A criterion whose input has no provider is listed as not yet available; adding the
 * visit-based criteria is registering a `visits` provider here.
 */
export type RagInputProvider<I extends RagInputName> = {
  input: I;
  load: (
    ctx: ServiceContext,
    schools: RagSchool[],
    academicYear: string,
  ) => Promise<Map<string, RagInputs[I]>>;
};

const facts = (r: MusicFactsRow | undefined): MusicYearFacts | null =>
  r
    ? {
        sdpMusic: r.sdpMusic,
        wcetPupils: r.wcetPupils,
        instrumentPupils: r.instrumentPupils,
        curriculumMinutes: { ks1: r.ks1, ks2: r.ks2, ks3: r.ks3, ks4: r.ks4 },
      }
    : null;

/** This year's and last year's music figures (school_music_data). */
export const musicDataProvider: RagInputProvider<"musicData"> = {
  input: "musicData",
  load: async (ctx, schools, year) => {
    const [lastYear = year] = previousAcademicYears(year, 2);
    const rows = await ragRepository(ctx.db).musicFacts(
      ctx.actor.hubId,
      schools.map((s) => s.id),
      [year, lastYear],
    );
    const byKey = new Map(rows.map((r) => [`${r.schoolId} ${r.academicYear}`, r]));
    return new Map(
      schools.map((s) => [
        s.id,
        {
          phase: s.phase,
          thisYear: facts(byKey.get(`${s.id} ${year}`)),
          lastYear: facts(byKey.get(`${s.id} ${lastYear}`)),
        },
      ]),
    );
  },
};

type AnyProvider = { [I in RagInputName]: RagInputProvider<I> }[RagInputName];

/**
 * The last visit that took place (not cancelled, dated today or before) and the open next steps of
 * approved reports that judged a section a priority, for a page of schools in one query.
 */
export const visitsProvider: RagInputProvider<"visits"> = {
  input: "visits",
  load: async (ctx, schools) => {
    const today = londonDate(ctx.clock());
    const rows = await visitFacts(
      ctx.db,
      ctx.actor.hubId,
      schools.map((s) => s.id),
      today,
    );
    const byId = new Map(rows.map((r) => [r.schoolId, r]));
    return new Map(
      schools.map((s) => {
        const r = byId.get(s.id);
        return [
          s.id,
          { lastVisitOn: r?.lastVisitOn ?? null, openPriorityNextSteps: r?.openPriority ?? 0, today },
        ];
      }),
    );
  },
};

/** The registered providers. */
export const RAG_INPUT_PROVIDERS: readonly AnyProvider[] = [musicDataProvider, visitsProvider];

export const isAvailable = (input: RagInputName): boolean =>
  RAG_INPUT_PROVIDERS.some((p) => p.input === input);

/** Every registered input for each school, keyed by school id. */
export const loadInputs = async (
  ctx: ServiceContext,
  schools: RagSchool[],
  academicYear: string,
): Promise<Map<string, Partial<RagInputs>>> => {
  const out = new Map<string, Partial<RagInputs>>(schools.map((s) => [s.id, {}]));
  for (const provider of RAG_INPUT_PROVIDERS) {
    const loaded: Map<string, RagInputs[RagInputName]> = await provider.load(ctx, schools, academicYear);
    for (const [id, value] of loaded) {
      const inputs = out.get(id);
      if (inputs) Object.assign(inputs, { [provider.input]: value });
    }
  }
  return out;
};
