import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../shared/schemas/common";
import {
  QmAnswersInput,
  QmApplication,
  QmApplicationList,
  QmApplicationQuery,
  QmAssessor,
  QmAssessorInput,
  QmAssessorSchool,
  QmAward,
  QmAwardInput,
  QmAwardList,
  QmAwardQuery,
  QmBadgeQuery,
  QmDecisionInput,
  QmFigures,
  QmFiguresQuery,
  QmFileParams,
  QmFileQuery,
  QmFrameworkInput,
  QmFrameworkQuery,
  QmFrameworkResponse,
  QmNewApplication,
  QmPresentation,
  QmPresentationInput,
  QmPresentationQuery,
  QmReviewsInput,
  QmVisitInput,
} from "../../../shared/schemas/quality-mark";
import { attachment, receiveFile, sendPrivateFile } from "../../platform/file-replies";
import { ctxOf, requireActor, requireRole } from "../../platform/http";
import {
  downloadEvidence,
  EVIDENCE_MAX_BYTES,
  exportApplications,
  getApplication,
  listApplications,
  saveAnswers,
  startApplication,
  submitApplication,
  uploadEvidence,
} from "./applications.service";
import {
  assignAssessor,
  decideApplication,
  reviewApplication,
  scheduleAssessmentVisit,
} from "./assessment.service";
import { listAssessors, saveAssessorSchool } from "./assessors.service";
import { exportAwards, listAwards, recordAward } from "./awards.service";
import { figures, figuresCsv } from "./figures.service";
import { currentYear, getFramework, saveFramework } from "./framework.service";
import { getPresentation, savePresentation } from "./presentation.service";
import { badgePng, badgeSvg, certificatePdf, presentationPdf } from "./quality-mark.documents";
import { type QmAction, rolesFor } from "./quality-mark.policy";

const tags = ["quality-mark"];
const P = "/api/quality-mark";
const A = `${P}/applications`;
type Req = Parameters<typeof requireRole>[0];

const csvHeaders = { "content-type": "text/csv; charset=utf-8", "cache-control": "private, no-store" };

/** The quality mark: framework, applications and their assessment, awards with certificates and badges, figures. */
export const qualityMarkRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const as = (req: Req, action: QmAction) => ctxOf(req, requireRole(req, rolesFor(action)));
  // Downloads answer 404, not 403, to anyone who may not have them (the award "does not exist").
  const anyone = (req: Req) => ctxOf(req, requireActor(req));

  app.get(
    `${P}/framework`,
    { schema: { tags, querystring: QmFrameworkQuery, response: { 200: QmFrameworkResponse } } },
    async (req) => getFramework(as(req, "readFramework"), req.query.year),
  );
  app.put(
    `${P}/framework`,
    { schema: { tags, body: QmFrameworkInput, response: { 200: QmFrameworkResponse } } },
    async (req) => saveFramework(as(req, "editFramework"), req.body),
  );

  app.post(
    A,
    { schema: { tags, body: QmNewApplication, response: { 201: QmApplication } } },
    async (req, reply) => reply.status(201).send(await startApplication(as(req, "apply"), req.body.level)),
  );
  app.get(
    A,
    { schema: { tags, querystring: QmApplicationQuery, response: { 200: QmApplicationList } } },
    async (req) => listApplications(as(req, "readApplications"), req.query),
  );
  app.get(
    `${A}/export.csv`,
    { schema: { tags, querystring: QmApplicationQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) =>
      reply
        .headers({ ...csvHeaders, "content-disposition": attachment("quality-mark-applications.csv") })
        .send(await exportApplications(as(req, "seeAll"), req.query)),
  );
  app.get(`${A}/:id`, { schema: { tags, params: IdParams, response: { 200: QmApplication } } }, async (req) =>
    getApplication(as(req, "readApplications"), req.params.id),
  );
  app.put(
    `${A}/:id/answers`,
    { schema: { tags, params: IdParams, body: QmAnswersInput, response: { 200: QmApplication } } },
    async (req) => saveAnswers(as(req, "apply"), req.params.id, req.body.answers),
  );
  app.post(
    `${A}/:id/files`,
    { schema: { tags, params: IdParams, querystring: QmFileQuery, response: { 200: QmApplication } } },
    async (req) => {
      const ctx = as(req, "apply");
      return uploadEvidence(
        ctx,
        req.params.id,
        req.query.standardId,
        await receiveFile(req, EVIDENCE_MAX_BYTES + 1),
      );
    },
  );
  app.get(`${A}/:id/files/:fileId`, { schema: { tags, params: QmFileParams } }, async (req, reply) => {
    const file = await downloadEvidence(as(req, "readApplications"), req.params.id, req.params.fileId);
    return sendPrivateFile(reply, file);
  });
  app.post(
    `${A}/:id/submit`,
    { schema: { tags, params: IdParams, response: { 200: QmApplication } } },
    async (req) => submitApplication(as(req, "apply"), req.params.id),
  );
  app.post(
    `${A}/:id/assessor`,
    { schema: { tags, params: IdParams, body: QmAssessorInput, response: { 200: QmApplication } } },
    async (req) => assignAssessor(as(req, "manageAssessors"), req.params.id, req.body.userId),
  );
  app.put(
    `${A}/:id/reviews`,
    { schema: { tags, params: IdParams, body: QmReviewsInput, response: { 200: QmApplication } } },
    async (req) => reviewApplication(as(req, "assess"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/visit`,
    { schema: { tags, params: IdParams, body: QmVisitInput, response: { 200: QmApplication } } },
    async (req) => scheduleAssessmentVisit(as(req, "assess"), req.params.id, req.body),
  );
  app.post(
    `${A}/:id/decision`,
    { schema: { tags, params: IdParams, body: QmDecisionInput, response: { 200: QmApplication } } },
    async (req) => decideApplication(as(req, "moderate"), req.params.id, req.body),
  );

  app.post(
    `${P}/awards`,
    { schema: { tags, body: QmAwardInput, response: { 201: QmAward } } },
    async (req, reply) => reply.status(201).send(await recordAward(as(req, "recordAwards"), req.body)),
  );
  app.get(
    `${P}/awards`,
    { schema: { tags, querystring: QmAwardQuery, response: { 200: QmAwardList } } },
    async (req) => listAwards(as(req, "readAwards"), req.query),
  );
  app.get(
    `${P}/awards/export.csv`,
    { schema: { tags, querystring: QmAwardQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) =>
      reply
        .headers({ ...csvHeaders, "content-disposition": attachment("quality-mark-awards.csv") })
        .send(await exportAwards(as(req, "seeAll"), req.query)),
  );
  app.get(`${P}/awards/:id/certificate.pdf`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await certificatePdf(anyone(req), req.params.id);
    return reply
      .headers({
        "content-type": "application/pdf",
        "content-disposition": attachment(file.name),
        "cache-control": "private, no-store",
      })
      .send(file.body);
  });
  app.get(`${P}/awards/:id/badge.svg`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await badgeSvg(anyone(req), req.params.id);
    return reply
      .headers({
        "content-type": "image/svg+xml; charset=utf-8",
        "content-disposition": attachment(file.name),
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
        "cache-control": "private, no-store",
      })
      .send(file.body);
  });
  app.get(
    `${P}/awards/:id/badge.png`,
    { schema: { tags, params: IdParams, querystring: QmBadgeQuery } },
    async (req, reply) => {
      const file = await badgePng(anyone(req), req.params.id, req.query.size);
      return reply
        .headers({
          "content-type": "image/png",
          "content-disposition": attachment(file.name),
          "cache-control": "private, no-store",
        })
        .send(file.body);
    },
  );

  app.get(
    `${P}/figures`,
    { schema: { tags, querystring: QmFiguresQuery, response: { 200: QmFigures } } },
    async (req) => figures(as(req, "seeAll"), req.query.year),
  );
  app.get(`${P}/presentation.pdf`, { schema: { tags, querystring: QmFiguresQuery } }, async (req, reply) => {
    const ctx = as(req, "seeAll");
    const file = await presentationPdf(ctx, req.query.year ?? currentYear(ctx));
    return reply
      .headers({
        "content-type": "application/pdf",
        "content-disposition": attachment(file.name),
        "cache-control": "private, no-store",
      })
      .send(file.body);
  });
  app.get(
    `${P}/presentation`,
    { schema: { tags, querystring: QmPresentationQuery, response: { 200: QmPresentation } } },
    async (req) => {
      const ctx = as(req, "seeAll");
      return getPresentation(ctx, req.query.year ?? currentYear(ctx));
    },
  );
  app.put(
    `${P}/presentation`,
    { schema: { tags, body: QmPresentationInput, response: { 200: QmPresentation } } },
    async (req) => savePresentation(as(req, "managePresentation"), req.body),
  );
  app.get(`${P}/figures.csv`, { schema: { tags, querystring: QmFiguresQuery } }, async (req, reply) =>
    reply
      .headers({ ...csvHeaders, "content-disposition": attachment("quality-mark-figures.csv") })
      .send(await figuresCsv(as(req, "seeAll"), req.query.year)),
  );
  app.get(`${P}/assessors`, { schema: { tags, response: { 200: z.array(QmAssessor) } } }, async (req) =>
    listAssessors(as(req, "seeAll")),
  );
  app.put(
    `${P}/assessors/:userId`,
    {
      schema: {
        tags,
        params: z.object({ userId: z.uuid() }),
        body: QmAssessorSchool,
        response: { 200: QmAssessor },
      },
    },
    async (req) => saveAssessorSchool(as(req, "manageAssessors"), req.params.userId, req.body.schoolId),
  );
};
