import { formatUkDate } from "../../../shared/rules/uk-date";
import type { ServiceContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import type { TimelineEntry, TimelineSource } from "../../platform/timeline";
import { auditsRepository } from "./audits.repository";
import { canReadSchool, rolesFor } from "./phases.policy";

/** A school's pre-visit audits on its timeline: submitted ones, and one in progress. */
const loadAudits = async (ctx: ServiceContext, urn: string): Promise<TimelineEntry[]> => {
  if (!rolesFor("readAudits").includes(ctx.actor.role)) return [];
  const ref = /^\d+$/.test(urn) ? Number(urn) : urn;
  const repo = auditsRepository(ctx.db);
  const school = await repo.school(ctx.actor.hubId, ref).catch((err: unknown) => {
    if (err instanceof AppError) return undefined;
    throw err;
  });
  if (!school || !canReadSchool(ctx.actor, "readAudits", school.id)) return [];
  const rows = await repo.responses(ctx.actor.hubId, [school.id]);
  return rows.map((r) =>
    r.status === "submitted" && r.submittedAt
      ? {
          at: r.submittedAt.toISOString(),
          kind: "audit",
          title: `${r.title} submitted`,
          detail: `Version ${r.version}, submitted on ${formatUkDate(r.submittedAt.toISOString().slice(0, 10))}`,
          href: `/questionnaires/responses/${r.id}`,
        }
      : {
          at: r.updatedAt.toISOString(),
          kind: "audit",
          title: `${r.title} in progress`,
          detail: "Saved as a draft, not yet submitted",
          href: `/questionnaires/responses/${r.id}`,
        },
  );
};

/** Gathered by the schools module's timeline registry. */
export const engagementAuditTimelineSources: TimelineSource[] = [{ kind: "audit", load: loadAudits }];
