import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, paged } from "../../../shared/schemas/common";
import {
  PanelApplication,
  PanelMember,
  RoundInvitation,
  RoundInvitationInput,
} from "../../../shared/schemas/lead-school-rounds";
import {
  AppFileParams,
  Application,
  ApplicationAnswers,
  ApplicationListQuery,
  ApplicationSummary,
  AppointInput,
  CoverageQuery,
  DecisionInput,
  FileKindQuery,
  LeadSchool,
  LeadSchoolCoverage,
  LeadSchoolDetail,
  LeadSchoolInput,
  LeadSchoolListQuery,
  LedgerInput,
  ModerateInput,
  Reviews,
  Round,
  RoundInput,
  ScoreInput,
  VisitRecord,
  VisitRecordInput,
} from "../../../shared/schemas/lead-schools";
import { attachment, receiveFile, sendPrivateFile } from "../../platform/file-replies";
import { ctxOf, requireRole } from "../../platform/http";
import {
  APPLICATION_FILE_MAX_BYTES,
  downloadApplicationFile,
  exportApplications,
  getApplication,
  listApplications,
  loadApplication,
  saveApplication,
  startApplication,
  submitApplication,
  uploadApplicationFile,
} from "./applications.service";
import { type LeadSchoolAction, rolesFor } from "./lead-schools.policy";
import {
  addLedgerEntry,
  exportLeadSchools,
  getLeadSchool,
  kitemarkPdf,
  leadSchoolCoverageFor,
  listLeadSchools,
  recordLeadSchool,
} from "./lead-schools.service";
import { applicationsToReview } from "./panel-work.service";
import {
  appointApplication,
  declineApplication,
  getReviews,
  getVisitRecord,
  moderateApplication,
  saveVisitRecord,
  scoreApplication,
  shortlistApplication,
} from "./review.service";
import { inviteToApply, roundPanel } from "./round-setup.service";
import { createRound, getRound, listRounds, updateRound } from "./rounds.service";

const tags = ["lead-schools"];
const L = "/api/lead-schools";
const R = "/api/lead-school-rounds";
const A = "/api/lead-school-applications";
type Req = Parameters<typeof requireRole>[0];

/** Lead Schools: appointments, coverage, rounds, applications, review, visits and appointment. */
export const leadSchoolsRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const as = (req: Req, action: LeadSchoolAction) => ctxOf(req, requireRole(req, rolesFor(action)));

  // ---------- Lead Schools ----------
  app.post(
    L,
    { schema: { tags, body: LeadSchoolInput, response: { 201: LeadSchool } } },
    async (req, reply) => reply.status(201).send(await recordLeadSchool(as(req, "manage"), req.body)),
  );
  app.get(
    L,
    { schema: { tags, querystring: LeadSchoolListQuery, response: { 200: paged(LeadSchool) } } },
    async (req) => listLeadSchools(as(req, "see"), req.query),
  );
  app.get(
    `${L}/export.csv`,
    { schema: { tags, querystring: LeadSchoolListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="lead-schools.csv"')
        .header("cache-control", "private, no-store")
        .send(await exportLeadSchools(as(req, "see"), req.query)),
  );
  app.get(
    `${L}/coverage`,
    { schema: { tags, querystring: CoverageQuery, response: { 200: LeadSchoolCoverage } } },
    async (req) => {
      const ctx = as(req, "see");
      if (req.query.applicationId) {
        const row = await loadApplication(ctx, req.query.applicationId);
        return leadSchoolCoverageFor(ctx, {
          urn: row.school.urn,
          focusAreas: req.query.focusAreas ?? ApplicationAnswers.parse(row.app.answers).focusAreas,
        });
      }
      return leadSchoolCoverageFor(
        ctx,
        req.query.candidateUrn
          ? { urn: req.query.candidateUrn, focusAreas: req.query.focusAreas }
          : undefined,
      );
    },
  );
  app.get(
    `${L}/:id`,
    { schema: { tags, params: IdParams, response: { 200: LeadSchoolDetail } } },
    async (req) => getLeadSchool(as(req, "see"), req.params.id),
  );
  app.get(`${L}/:id/badge.pdf`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await kitemarkPdf(as(req, "see"), req.params.id);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", attachment(file.name))
      .header("cache-control", "private, no-store")
      .send(file.body);
  });
  app.post(
    `${L}/:id/ledger`,
    { schema: { tags, params: IdParams, body: LedgerInput, response: { 201: LeadSchoolDetail } } },
    async (req, reply) =>
      reply.status(201).send(await addLedgerEntry(as(req, "see"), req.params.id, req.body)),
  );

  // ---------- Rounds ----------
  app.post(R, { schema: { tags, body: RoundInput, response: { 201: Round } } }, async (req, reply) =>
    reply.status(201).send(await createRound(as(req, "manage"), req.body)),
  );
  app.get(R, { schema: { tags, response: { 200: z.array(Round) } } }, async (req) =>
    listRounds(as(req, "see")),
  );
  app.get(`${R}/:id`, { schema: { tags, params: IdParams, response: { 200: Round } } }, async (req) =>
    getRound(as(req, "readApplication"), req.params.id),
  );
  app.put(
    `${R}/:id`,
    { schema: { tags, params: IdParams, body: RoundInput, response: { 200: Round } } },
    async (req) => updateRound(as(req, "manage"), req.params.id, req.body),
  );
  app.get(
    `${R}/:id/panel`,
    { schema: { tags, params: IdParams, response: { 200: z.array(PanelMember) } } },
    async (req) => roundPanel(as(req, "manage"), req.params.id),
  );
  app.post(
    `${R}/:id/invitations`,
    { schema: { tags, params: IdParams, body: RoundInvitationInput, response: { 201: RoundInvitation } } },
    async (req, reply) =>
      reply.status(201).send(await inviteToApply(as(req, "manage"), req.params.id, req.body)),
  );
  app.post(
    `${R}/:id/applications`,
    { schema: { tags, params: IdParams, response: { 200: Application, 201: Application } } },
    async (req, reply) => {
      const { created, application } = await startApplication(as(req, "apply"), req.params.id);
      return reply.status(created ? 201 : 200).send(application);
    },
  );

  // ---------- Applications ----------
  app.get(
    A,
    { schema: { tags, querystring: ApplicationListQuery, response: { 200: paged(ApplicationSummary) } } },
    async (req) => listApplications(as(req, "readApplication"), req.query),
  );
  app.get(
    `${A}/export.csv`,
    { schema: { tags, querystring: ApplicationListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="lead-school-applications.csv"')
        .header("cache-control", "private, no-store")
        .send(await exportApplications(as(req, "see"), req.query)),
  );
  app.get(`${A}/to-review`, { schema: { tags, response: { 200: z.array(PanelApplication) } } }, async (req) =>
    applicationsToReview(as(req, "review")),
  );
  app.get(`${A}/:id`, { schema: { tags, params: IdParams, response: { 200: Application } } }, async (req) =>
    getApplication(as(req, "readApplication"), req.params.id),
  );
  app.put(
    `${A}/:id`,
    { schema: { tags, params: IdParams, body: ApplicationAnswers, response: { 200: Application } } },
    async (req) => saveApplication(as(req, "apply"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/files`,
    { schema: { tags, params: IdParams, querystring: FileKindQuery, response: { 200: Application } } },
    async (req) => {
      const ctx = as(req, "apply");
      return uploadApplicationFile(
        ctx,
        req.params.id,
        req.query.kind,
        await receiveFile(req, APPLICATION_FILE_MAX_BYTES + 1),
      );
    },
  );
  app.get(`${A}/:id/files/:fileId`, { schema: { tags, params: AppFileParams } }, async (req, reply) => {
    const file = await downloadApplicationFile(as(req, "readApplication"), req.params.id, req.params.fileId);
    return sendPrivateFile(reply, file);
  });
  app.post(
    `${A}/:id/submit`,
    { schema: { tags, params: IdParams, response: { 200: Application } } },
    async (req) => submitApplication(as(req, "apply"), req.params.id),
  );
  app.get(
    `${A}/:id/reviews`,
    { schema: { tags, params: IdParams, response: { 200: Reviews } } },
    async (req) => getReviews(as(req, "review"), req.params.id),
  );
  app.put(
    `${A}/:id/reviews/mine`,
    { schema: { tags, params: IdParams, body: ScoreInput, response: { 200: Reviews } } },
    async (req) => scoreApplication(as(req, "review"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/moderate`,
    { schema: { tags, params: IdParams, body: ModerateInput, response: { 200: Reviews } } },
    async (req) => moderateApplication(as(req, "manage"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/shortlist`,
    { schema: { tags, params: IdParams, body: DecisionInput, response: { 200: Application } } },
    async (req) => shortlistApplication(as(req, "manage"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/decline`,
    { schema: { tags, params: IdParams, body: DecisionInput, response: { 200: Application } } },
    async (req) => declineApplication(as(req, "manage"), req.params.id, req.body),
  );
  app.get(
    `${A}/:id/visit`,
    { schema: { tags, params: IdParams, response: { 200: VisitRecord } } },
    async (req) => getVisitRecord(as(req, "see"), req.params.id),
  );
  app.put(
    `${A}/:id/visit`,
    { schema: { tags, params: IdParams, body: VisitRecordInput, response: { 200: VisitRecord } } },
    async (req) => saveVisitRecord(as(req, "see"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/appoint`,
    { schema: { tags, params: IdParams, body: AppointInput, response: { 201: LeadSchool } } },
    async (req, reply) =>
      reply.status(201).send(await appointApplication(as(req, "manage"), req.params.id, req.body)),
  );
};
