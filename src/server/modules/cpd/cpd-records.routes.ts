import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../shared/schemas/common";
import {
  CpdClaim,
  CpdClaimDecision,
  CpdClaimInput,
  CpdFeedbackInput,
  CpdFeedbackSummary,
  CpdInvoices,
  CpdMarksInput,
  CpdProgrammeFeedback,
  CpdReach,
  CpdRegister,
  CpdRegisterQuery,
  CpdSettings,
  TermQuery,
  YearQuery,
} from "../../../shared/schemas/cpd";
import { ctxOf, requireRole } from "../../platform/http";
import { rolesFor } from "./cpd.policy";
import {
  eventFeedback,
  giveFeedback,
  markAttendance,
  programmeFeedback,
  sessionRegister,
} from "./cpd-attendance.service";
import {
  decideClaim,
  exportApprovedClaims,
  getSettings,
  invoiceCsv,
  invoiceSummary,
  invoiceXlsx,
  listClaims,
  makeClaim,
  saveSettings,
} from "./cpd-claims.service";
import { cpdReach } from "./cpd-reach.service";

const tags = ["cpd"];
type Req = Parameters<typeof requireRole>[0];
const download = "private, no-store";

/** Registers, feedback, supply-cover claims, invoices, reach and the hub's CPD settings. */
export const cpdRecordRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const manager = (req: Req) => ctxOf(req, requireRole(req, rolesFor("manageEvents")));
  const finance = (req: Req) => ctxOf(req, requireRole(req, rolesFor("finance")));
  const results = (req: Req) => ctxOf(req, requireRole(req, rolesFor("seeResults")));
  const claimer = (req: Req) => ctxOf(req, requireRole(req, rolesFor("claim")));

  app.get(
    "/api/cpd/events/:id/register",
    { schema: { tags, params: IdParams, querystring: CpdRegisterQuery, response: { 200: CpdRegister } } },
    async (req) => sessionRegister(manager(req), req.params.id, req.query.sessionId),
  );
  app.put(
    "/api/cpd/sessions/:id/attendance",
    { schema: { tags, params: IdParams, body: CpdMarksInput, response: { 200: CpdRegister } } },
    async (req) => markAttendance(manager(req), req.params.id, req.body),
  );
  app.post(
    "/api/cpd/events/:id/feedback",
    {
      schema: {
        tags,
        params: IdParams,
        body: CpdFeedbackInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await giveFeedback(ctxOf(req, requireRole(req, rolesFor("giveFeedback"))), req.params.id, req.body),
        ),
  );
  app.get(
    "/api/cpd/events/:id/feedback",
    { schema: { tags, params: IdParams, response: { 200: CpdFeedbackSummary } } },
    async (req) => eventFeedback(results(req), req.params.id),
  );
  app.get(
    "/api/cpd/feedback",
    { schema: { tags, querystring: YearQuery, response: { 200: CpdProgrammeFeedback } } },
    async (req) => programmeFeedback(results(req), req.query.year),
  );
  app.get(
    "/api/cpd/reach",
    { schema: { tags, querystring: YearQuery, response: { 200: CpdReach } } },
    async (req) => cpdReach(results(req), req.query.year),
  );

  app.post(
    "/api/cpd/claims",
    { schema: { tags, body: CpdClaimInput, response: { 201: CpdClaim } } },
    async (req, reply) => reply.status(201).send(await makeClaim(claimer(req), req.body)),
  );
  app.get(
    "/api/cpd/claims",
    {
      schema: {
        tags,
        querystring: z.object({ status: z.enum(["submitted", "approved", "rejected"]).optional() }),
        response: { 200: z.object({ items: z.array(CpdClaim) }) },
      },
    },
    async (req) => ({ items: await listClaims(claimer(req), req.query.status) }),
  );
  app.post(
    "/api/cpd/claims/:id/decision",
    { schema: { tags, params: IdParams, body: CpdClaimDecision, response: { 200: CpdClaim } } },
    async (req) => decideClaim(finance(req), req.params.id, req.body),
  );
  app.get("/api/cpd/claims/export.csv", { schema: { tags } }, async (req, reply) =>
    reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="cpd-supply-cover-approved.csv"')
      .header("cache-control", download)
      .send(await exportApprovedClaims(finance(req))),
  );

  app.get(
    "/api/cpd/invoices",
    { schema: { tags, querystring: TermQuery, response: { 200: CpdInvoices } } },
    async (req) => invoiceSummary(finance(req), req.query.term),
  );
  app.get("/api/cpd/invoices.csv", { schema: { tags, querystring: TermQuery } }, async (req, reply) => {
    const file = await invoiceCsv(finance(req), req.query.term);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="cpd-invoices-${file.term.replace("/", "-")}.csv"`)
      .header("cache-control", download)
      .send(file.body);
  });
  app.get("/api/cpd/invoices.xlsx", { schema: { tags, querystring: TermQuery } }, async (req, reply) => {
    const file = await invoiceXlsx(finance(req), req.query.term);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header(
        "content-disposition",
        `attachment; filename="cpd-invoices-${file.term.replace("/", "-")}.xlsx"`,
      )
      .header("cache-control", download)
      .send(file.body);
  });

  app.get("/api/cpd/settings", { schema: { tags, response: { 200: CpdSettings } } }, async (req) =>
    getSettings(finance(req)),
  );
  app.put(
    "/api/cpd/settings",
    { schema: { tags, body: CpdSettings, response: { 200: CpdSettings } } },
    async (req) => saveSettings(finance(req), req.body),
  );
};
