import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Urn } from "../../../shared/schemas/schools";
import {
  SchoolTimelineQuery as Query,
  SchoolTimeline,
  type SchoolTimelineQuery,
} from "../../../shared/schemas/timeline";
import type { ServiceContext } from "../../platform/context";
import { ctxOf, requireRole } from "../../platform/http";
import type { TimelineEntry, TimelineSource } from "../../platform/timeline";
import { cpdTimelineSources } from "../cpd/cpd.timeline";
import { engagementAuditTimelineSources } from "../engagement/audits.timeline";
import { engagementTimelineSources } from "../engagement/engagement.timeline";
import { leadSchoolTimelineSources } from "../lead-schools/lead-schools.timeline";
import { qualityMarkTimelineSources } from "../quality-mark/quality-mark.timeline";
import { REGISTER_ROLES } from "./schools.policy";
import { findSchool, type SchoolRef } from "./schools.service";

/**
 * The school profile timeline's registry: every capability's `TimelineSource[]` (exported from
 * `<module>.timeline.ts`). Adding a capability's entries is adding its array here. Each source
 * decides what the actor may see (a school user: only what is shared with its school).
 */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  ...engagementTimelineSources,
  ...engagementAuditTimelineSources,
  ...leadSchoolTimelineSources,
  ...cpdTimelineSources,
  ...qualityMarkTimelineSources,
];

/** The timeline of one school (newest first), one page of it; sources are read in parallel. */
export const schoolTimeline = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  q: SchoolTimelineQuery,
): Promise<SchoolTimeline> => {
  // 404 for a school of another hub, and for a school user's other schools.
  const school = await findSchool(ctx, ref);
  const loaded = await Promise.all(TIMELINE_SOURCES.map((s) => s.load(ctx, String(school.urn))));
  const all: TimelineEntry[] = loaded.flat();
  const kinds = [...new Set(all.map((e) => e.kind))].sort();
  const list = (q.kind ? all.filter((e) => e.kind === q.kind) : all).sort(
    (a, b) => b.at.localeCompare(a.at) || a.title.localeCompare(b.title),
  );
  return {
    items: list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((e) => ({
      at: e.at,
      kind: e.kind,
      title: e.title,
      detail: e.detail ?? null,
      href: e.href ?? null,
    })),
    total: list.length,
    page: q.page,
    pageSize: q.pageSize,
    kinds,
  };
};

/** GET /api/schools/:urn/timeline (hub users; a school user for its own school). */
export const timelineRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/schools/:urn/timeline",
    {
      schema: {
        tags: ["schools"],
        params: z.object({ urn: z.union([z.uuid(), Urn]) }),
        querystring: Query,
        response: { 200: SchoolTimeline },
      },
    },
    async (req) => schoolTimeline(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.params.urn, req.query),
  );
};
