import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AnswersPatch,
  AvailableQuestionnaire,
  DuplicateRequest,
  FileUploadQuery,
  PublishResult,
  QuestionnaireResponse,
  ResponseExportQuery,
  ResponseFileParams,
  ResponseListQuery,
  ResponseSummary,
  StartResponseRequest,
  Template,
  TemplateExport,
  TemplateIdParams,
  TemplateInput,
  TemplateListQuery,
  TemplatePatch,
  TemplateSummary,
} from "../../../shared/schemas/questionnaires";
import { attachment, receiveFile, sendPrivateFile } from "../../platform/file-replies";
import { ctxOf, requireRole } from "../../platform/http";
import { exportResponses } from "./questionnaire-export.service";
import {
  ANSWER_FILE_MAX_BYTES,
  downloadAnswerFile,
  getResponse,
  listAvailable,
  listResponses,
  saveAnswers,
  startResponse,
  submitResponse,
  uploadAnswerFile,
} from "./questionnaire-responses.service";
import {
  createTemplate,
  duplicateTemplate,
  exportTemplate,
  getTemplate,
  importTemplate,
  listTemplates,
  publishTemplate,
  updateTemplate,
} from "./questionnaire-templates.service";
import { rolesFor } from "./questionnaires.policy";

const tags = ["questionnaires"];
const T = "/api/questionnaires/templates";
const R = "/api/questionnaires/responses";
const ImportRequest = z.object({
  text: z.string({ error: "Send the questionnaire file's text" }).max(2_000_000, "The file is too large"),
});

/** Content-Disposition for a download, with the name both plain (ASCII) and exact (RFC 5987). */

/** Questionnaires: templates (design, publish, copy, export/import) and responses (fill in, submit, export). */
export const questionnairesRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const designer = (req: Parameters<typeof requireRole>[0]) =>
    ctxOf(req, requireRole(req, rolesFor("designTemplates")));
  const reader = (req: Parameters<typeof requireRole>[0]) =>
    ctxOf(req, requireRole(req, rolesFor("seeAllResponses")));
  const filler = (req: Parameters<typeof requireRole>[0]) =>
    ctxOf(req, requireRole(req, rolesFor("fillResponses")));

  app.get(
    T,
    { schema: { tags, querystring: TemplateListQuery, response: { 200: z.array(TemplateSummary) } } },
    async (req) => listTemplates(designer(req), req.query),
  );
  app.post(T, { schema: { tags, body: TemplateInput, response: { 201: Template } } }, async (req, reply) =>
    reply.status(201).send(await createTemplate(designer(req), req.body)),
  );
  app.post(
    `${T}/import`,
    { schema: { tags, body: ImportRequest, response: { 201: Template } } },
    async (req, reply) => reply.status(201).send(await importTemplate(designer(req), req.body.text)),
  );
  app.get(
    `${T}/:id`,
    { schema: { tags, params: TemplateIdParams, response: { 200: Template } } },
    async (req) => getTemplate(designer(req), req.params.id),
  );
  app.patch(
    `${T}/:id`,
    { schema: { tags, params: TemplateIdParams, body: TemplatePatch, response: { 200: Template } } },
    async (req) => updateTemplate(designer(req), req.params.id, req.body),
  );
  app.post(
    `${T}/:id/publish`,
    { schema: { tags, params: TemplateIdParams, response: { 200: PublishResult } } },
    async (req) => publishTemplate(designer(req), req.params.id),
  );
  app.post(
    `${T}/:id/duplicate`,
    { schema: { tags, params: TemplateIdParams, body: DuplicateRequest, response: { 201: Template } } },
    async (req, reply) =>
      reply.status(201).send(await duplicateTemplate(designer(req), req.params.id, req.body)),
  );
  app.get(
    `${T}/:id/export`,
    { schema: { tags, params: TemplateIdParams, response: { 200: TemplateExport } } },
    async (req, reply) => {
      const file = await exportTemplate(designer(req), req.params.id);
      return reply.header("content-disposition", attachment(`${file.title}.questionnaire.json`)).send(file);
    },
  );
  app.get(
    `${T}/:id/responses/export`,
    { schema: { tags, params: TemplateIdParams, querystring: ResponseExportQuery } },
    async (req, reply) => {
      const file = await exportResponses(reader(req), req.params.id, req.query.format);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", attachment(file.fileName))
        .header("cache-control", "no-store")
        .send(file.body);
    },
  );

  app.get(
    "/api/questionnaires/available",
    { schema: { tags, response: { 200: z.array(AvailableQuestionnaire) } } },
    async (req) => listAvailable(filler(req)),
  );
  app.get(
    R,
    { schema: { tags, querystring: ResponseListQuery, response: { 200: z.array(ResponseSummary) } } },
    async (req) => listResponses(filler(req), req.query),
  );
  app.post(
    R,
    {
      schema: {
        tags,
        body: StartResponseRequest,
        response: { 200: QuestionnaireResponse, 201: QuestionnaireResponse },
      },
    },
    async (req, reply) => {
      const { response, created } = await startResponse(filler(req), req.body);
      return reply.status(created ? 201 : 200).send(response);
    },
  );
  app.get(
    `${R}/:id`,
    { schema: { tags, params: TemplateIdParams, response: { 200: QuestionnaireResponse } } },
    async (req) => getResponse(filler(req), req.params.id),
  );
  app.patch(
    `${R}/:id`,
    {
      schema: {
        tags,
        params: TemplateIdParams,
        body: AnswersPatch,
        response: { 200: QuestionnaireResponse },
      },
    },
    async (req) => saveAnswers(filler(req), req.params.id, req.body.answers),
  );
  app.post(
    `${R}/:id/submit`,
    { schema: { tags, params: TemplateIdParams, response: { 200: QuestionnaireResponse } } },
    async (req) => submitResponse(filler(req), req.params.id),
  );
  app.post(
    `${R}/:id/files`,
    {
      schema: {
        tags,
        params: TemplateIdParams,
        querystring: FileUploadQuery,
        response: { 200: QuestionnaireResponse },
      },
    },
    async (req) => {
      const ctx = filler(req);
      return uploadAnswerFile(
        ctx,
        req.params.id,
        req.query.questionId,
        await receiveFile(req, ANSWER_FILE_MAX_BYTES),
      );
    },
  );
  app.get(`${R}/:id/files/:fileId`, { schema: { tags, params: ResponseFileParams } }, async (req, reply) => {
    const file = await downloadAnswerFile(filler(req), req.params.id, req.params.fileId);
    return sendPrivateFile(reply, file);
  });
};
