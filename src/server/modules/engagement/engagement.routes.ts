import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, paged } from "../../../shared/schemas/common";
import {
  CancelInput,
  Coverage,
  CoverageQuery,
  CoverageTargets,
  CoverageTargetsResponse,
  FollowUp,
  FollowUpQuery,
  MySchoolsQuery,
  MySchoolsResponse,
  Report,
  ReportInput,
  ReportSummary,
  RescheduleInput,
  Visit,
  VisitInput,
  VisitListQuery,
} from "../../../shared/schemas/engagement";
import { ctxOf, requireRole } from "../../platform/http";
import { coverageCsv, coverageJson, getTargets, putTargets } from "./coverage.service";
import { rolesFor } from "./engagement.policy";
import { mySchools } from "./my-schools.service";
import { mySchoolsExportRoute } from "./my-schools-export";
import {
  approveReport,
  getReport,
  listFollowUps,
  listReports,
  reportPdf,
  saveReport,
} from "./reports.service";
import {
  cancelVisit,
  exportVisits,
  getVisit,
  listVisits,
  rescheduleVisit,
  scheduleVisit,
} from "./visits.service";
import "./visits.calendar";

const tags = ["engagement"];
const V = "/api/visits";
type Req = Parameters<typeof requireRole>[0];

/** School engagement: visits (schedule, move, cancel), their reports (draft, approve, PDF), follow-ups and coverage. */
export const engagementRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const manager = (req: Req) => ctxOf(req, requireRole(req, rolesFor("manageVisits")));
  const reader = (req: Req) => ctxOf(req, requireRole(req, rolesFor("readReports")));

  app.post(V, { schema: { tags, body: VisitInput, response: { 201: Visit } } }, async (req, reply) =>
    reply.status(201).send(await scheduleVisit(manager(req), req.body)),
  );
  app.get(
    V,
    { schema: { tags, querystring: VisitListQuery, response: { 200: paged(Visit) } } },
    async (req) => listVisits(manager(req), req.query),
  );
  app.get(
    `${V}/export.csv`,
    { schema: { tags, querystring: VisitListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="visits.csv"')
        .header("cache-control", "private, no-store")
        .send(await exportVisits(manager(req), req.query)),
  );
  app.get(`${V}/:id`, { schema: { tags, params: IdParams, response: { 200: Visit } } }, async (req) =>
    getVisit(manager(req), req.params.id),
  );
  app.post(
    `${V}/:id/reschedule`,
    { schema: { tags, params: IdParams, body: RescheduleInput, response: { 200: Visit } } },
    async (req) => rescheduleVisit(manager(req), req.params.id, req.body),
  );
  app.post(
    `${V}/:id/cancel`,
    { schema: { tags, params: IdParams, body: CancelInput, response: { 200: Visit } } },
    async (req) => cancelVisit(manager(req), req.params.id, req.body),
  );
  app.get(`${V}/:id/report`, { schema: { tags, params: IdParams, response: { 200: Report } } }, async (req) =>
    getReport(reader(req), req.params.id),
  );
  app.put(
    `${V}/:id/report`,
    { schema: { tags, params: IdParams, body: ReportInput, response: { 200: Report } } },
    async (req) => saveReport(manager(req), req.params.id, req.body),
  );
  app.post(
    `${V}/:id/report/approve`,
    { schema: { tags, params: IdParams, response: { 200: Report } } },
    async (req) => approveReport(ctxOf(req, requireRole(req, rolesFor("approveReports"))), req.params.id),
  );
  app.get(`${V}/:id/report.pdf`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await reportPdf(reader(req), req.params.id);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `attachment; filename="${file.name}"`)
      .header("cache-control", "private, no-store")
      .send(file.body);
  });
  app.get(
    "/api/engagement/reports",
    { schema: { tags, response: { 200: z.array(ReportSummary) } } },
    async (req) => listReports(reader(req)),
  );
  app.get(
    "/api/engagement/follow-ups",
    { schema: { tags, querystring: FollowUpQuery, response: { 200: z.array(FollowUp) } } },
    async (req) => listFollowUps(manager(req), req.query.mine === "true"),
  );
  app.get(
    "/api/engagement/coverage",
    { schema: { tags, querystring: CoverageQuery, response: { 200: Coverage } } },
    async (req, reply) => {
      const json = await coverageJson(ctxOf(req, requireRole(req, rolesFor("seeCoverage"))), req.query.year);
      // Kept already written with this schema (platform/hub-reads.ts): sent as it is.
      return reply.type("application/json; charset=utf-8").send(json as unknown as Coverage);
    },
  );
  app.get(
    "/api/engagement/coverage.csv",
    { schema: { tags, querystring: CoverageQuery } },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="coverage.csv"')
        .header("cache-control", "private, no-store")
        .send(await coverageCsv(ctxOf(req, requireRole(req, rolesFor("seeCoverage"))), req.query.year)),
  );
  app.get(
    "/api/engagement/targets",
    { schema: { tags, response: { 200: CoverageTargetsResponse } } },
    async (req) => getTargets(ctxOf(req, requireRole(req, rolesFor("seeCoverage")))),
  );
  app.put(
    "/api/engagement/targets",
    { schema: { tags, body: CoverageTargets, response: { 200: CoverageTargetsResponse } } },
    async (req) => putTargets(ctxOf(req, requireRole(req, rolesFor("editTargets"))), req.body),
  );
  app.get(
    "/api/engagement/my-schools",
    { schema: { tags, querystring: MySchoolsQuery, response: { 200: MySchoolsResponse } } },
    async (req) => mySchools(manager(req), req.query),
  );
  await app.register(mySchoolsExportRoute);
};
