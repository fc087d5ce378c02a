import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ActionInput,
  ActionParams,
  ActionPatch,
  DecisionInput,
  FileParams,
  Glossary,
  GovernanceQuery,
  GovernanceReport,
  ImportResult,
  MeasureInfo,
  MoveInput,
  ObjectiveInput,
  ObjectiveParams,
  ObjectivePatch,
  Plan,
  PlanFile,
  PlanIdParams,
  PlanInput,
  PlanPatch,
  PlanPublication,
  PlanPublicationInput,
  PlanSummary,
  PlanUpdate,
  Review,
  ReviewInput,
  ReviewParams,
  TargetDetail,
  TargetInput,
  TargetParams,
  TargetPatch,
  UpdateInput,
  UpdateQuery,
} from "../../../shared/schemas/plans";
import { AppError } from "../../platform/errors";
import { attachment, requireMultipart, sendPrivateFile } from "../../platform/file-replies";
import { ctxOf, requireRole } from "../../platform/http";
import { measureCatalogue } from "./measure-catalogue";
import { planPdf, planXlsx } from "./plan-export.service";
import { glossary, saveGlossary } from "./plan-glossary.service";
import { governancePdf } from "./plan-governance-pdf";
import { importPlan, planTemplateCsv, planTemplateXlsx } from "./plan-import.service";
import {
  closeReview,
  decide,
  downloadEvidence,
  governanceReport,
  listReviews,
  listUpdates,
  postUpdate,
  snapshotNow,
  startReview,
  uploadEvidence,
} from "./plan-progress.service";
import { getPublication, savePublication } from "./plan-publication.service";
import {
  deleteAction,
  deleteObjective,
  deleteTarget,
  moveAction,
  moveObjective,
  moveTarget,
} from "./plan-structure.service";
import { rolesFor } from "./plans.policy";
import {
  addAction,
  addObjective,
  addTarget,
  createPlan,
  getPlan,
  listPlans,
  patchAction,
  patchObjective,
  patchPlan,
  patchTarget,
  targetDetail,
} from "./plans.service";

const tags = ["plans"];
const P = "/api/plans";
type Req = Parameters<typeof requireRole>[0];

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The multipart field "file" of a request, or a plain refusal. */
const fileOf = async (
  req: Req & { isMultipart: () => boolean; file: (o: object) => Promise<unknown> },
  max: number,
) => {
  requireMultipart(req);
  const part = (await req.file({ limits: { fileSize: max, files: 1 } })) as
    | {
        fieldname: string;
        filename: string;
        file: NodeJS.ReadableStream & { truncated?: boolean };
        toBuffer: () => Promise<Buffer>;
      }
    | undefined;
  if (part?.fieldname !== "file")
    throw new AppError("invalid", 'Choose a file to upload, in a field named "file"');
  return part;
};

/** The hub plan: plans, objectives, actions, targets bound to live measures, updates, reviews, exports. */
export const plansRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const reader = (req: Req) => ctxOf(req, requireRole(req, rolesFor("readPlans")));
  const editor = (req: Req) => ctxOf(req, requireRole(req, rolesFor("editPlans")));
  const updater = (req: Req) => ctxOf(req, requireRole(req, rolesFor("postUpdates")));

  app.get(P, { schema: { tags, response: { 200: z.array(PlanSummary) } } }, async (req) =>
    listPlans(reader(req)),
  );
  app.post(P, { schema: { tags, body: PlanInput, response: { 201: Plan } } }, async (req, reply) =>
    reply.status(201).send(await createPlan(editor(req), req.body)),
  );
  app.get(`${P}/measures`, { schema: { tags, response: { 200: z.array(MeasureInfo) } } }, async (req) => {
    reader(req);
    return measureCatalogue();
  });
  app.get(`${P}/template.csv`, { schema: { tags } }, async (req, reply) => {
    reader(req);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", attachment("plan-template.csv"))
      .send(planTemplateCsv());
  });
  app.get(`${P}/template.xlsx`, { schema: { tags } }, async (req, reply) => {
    reader(req);
    return reply
      .header("content-type", XLSX)
      .header("content-disposition", attachment("plan-template.xlsx"))
      .send(await planTemplateXlsx());
  });
  app.get(`${P}/glossary`, { schema: { tags, response: { 200: Glossary } } }, async (req) =>
    glossary(reader(req)),
  );
  app.put(`${P}/glossary`, { schema: { tags, body: Glossary, response: { 200: Glossary } } }, async (req) =>
    saveGlossary(editor(req), req.body),
  );

  app.get(`${P}/:id`, { schema: { tags, params: PlanIdParams, response: { 200: Plan } } }, async (req) =>
    getPlan(reader(req), req.params.id),
  );
  app.patch(
    `${P}/:id`,
    { schema: { tags, params: PlanIdParams, body: PlanPatch, response: { 200: Plan } } },
    async (req) => patchPlan(editor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/import`,
    {
      schema: {
        tags,
        params: PlanIdParams,
        summary: "Import objectives, actions and targets (multipart field file: CSV or XLSX)",
        response: { 200: ImportResult },
      },
    },
    async (req, reply) => {
      const ctx = editor(req);
      const part = await fileOf(req, IMPORT_MAX_BYTES);
      const body = await part.toBuffer();
      if (part.file.truncated) throw new AppError("too_large", "The file is larger than 10 MB");
      const { ok, result } = await importPlan(ctx, req.params.id, body);
      // A refused import answers 400 with the same body (its row errors), not the usual { error }.
      if (!ok) return (reply as FastifyReply).status(400).send(result);
      return result;
    },
  );
  app.post(
    `${P}/:id/objectives`,
    {
      schema: {
        tags,
        params: PlanIdParams,
        body: ObjectiveInput,
        response: { 201: Plan.shape.objectives.element },
      },
    },
    async (req, reply) => reply.status(201).send(await addObjective(editor(req), req.params.id, req.body)),
  );
  app.patch(
    `${P}/:id/objectives/:objectiveId`,
    { schema: { tags, params: ObjectiveParams, body: ObjectivePatch, response: { 200: Plan } } },
    async (req) => patchObjective(editor(req), req.params.id, req.params.objectiveId, req.body),
  );
  app.post(
    `${P}/:id/objectives/:objectiveId/actions`,
    {
      schema: {
        tags,
        params: ObjectiveParams,
        body: ActionInput,
        response: { 201: Plan.shape.objectives.element.shape.actions.element },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAction(editor(req), req.params.id, req.params.objectiveId, req.body)),
  );
  app.patch(
    `${P}/:id/actions/:actionId`,
    { schema: { tags, params: ActionParams, body: ActionPatch, response: { 200: Plan } } },
    async (req) => patchAction(editor(req), req.params.id, req.params.actionId, req.body),
  );
  app.post(
    `${P}/:id/actions/:actionId/targets`,
    { schema: { tags, params: ActionParams, body: TargetInput, response: { 201: TargetDetail } } },
    async (req, reply) => {
      const ctx = editor(req);
      const row = await addTarget(ctx, req.params.id, req.params.actionId, req.body);
      return reply.status(201).send(await targetDetail(ctx, req.params.id, row.id));
    },
  );
  app.get(
    `${P}/:id/targets/:targetId`,
    { schema: { tags, params: TargetParams, response: { 200: TargetDetail } } },
    async (req) => targetDetail(reader(req), req.params.id, req.params.targetId),
  );
  app.patch(
    `${P}/:id/targets/:targetId`,
    { schema: { tags, params: TargetParams, body: TargetPatch, response: { 200: TargetDetail } } },
    async (req) => patchTarget(editor(req), req.params.id, req.params.targetId, req.body),
  );
  app.post(
    `${P}/:id/snapshots`,
    { schema: { tags, params: PlanIdParams, response: { 200: Plan } } },
    async (req) => snapshotNow(updater(req), req.params.id),
  );
  app.get(
    `${P}/:id/updates`,
    {
      schema: {
        tags,
        params: PlanIdParams,
        querystring: UpdateQuery,
        response: { 200: z.array(PlanUpdate) },
      },
    },
    async (req) => listUpdates(reader(req), req.params.id, req.query.targetId),
  );
  app.post(
    `${P}/:id/updates`,
    { schema: { tags, params: PlanIdParams, body: UpdateInput, response: { 201: PlanUpdate } } },
    async (req, reply) => reply.status(201).send(await postUpdate(updater(req), req.params.id, req.body)),
  );
  app.post(
    `${P}/:id/files`,
    {
      schema: {
        tags,
        params: PlanIdParams,
        summary: "Upload evidence (multipart field file)",
        response: { 201: PlanFile },
      },
    },
    async (req, reply) => {
      const ctx = updater(req);
      const part = await fileOf(req, 20 * 1024 * 1024);
      return reply
        .status(201)
        .send(
          await uploadEvidence(ctx, req.params.id, { filename: part.filename, body: part.file as never }),
        );
    },
  );
  app.get(`${P}/:id/files/:fileId`, { schema: { tags, params: FileParams } }, async (req, reply) => {
    const file = await downloadEvidence(reader(req), req.params.id, req.params.fileId);
    return sendPrivateFile(reply, file);
  });
  app.get(
    `${P}/:id/reviews`,
    { schema: { tags, params: PlanIdParams, response: { 200: z.array(Review) } } },
    async (req) => listReviews(reader(req), req.params.id),
  );
  app.post(
    `${P}/:id/reviews`,
    { schema: { tags, params: PlanIdParams, body: ReviewInput, response: { 201: Review } } },
    async (req, reply) => reply.status(201).send(await startReview(editor(req), req.params.id, req.body)),
  );
  app.post(
    `${P}/:id/reviews/:reviewId/decisions`,
    { schema: { tags, params: ReviewParams, body: DecisionInput, response: { 200: Review } } },
    async (req) => decide(editor(req), req.params.id, req.params.reviewId, req.body),
  );
  app.post(
    `${P}/:id/reviews/:reviewId/close`,
    { schema: { tags, params: ReviewParams, response: { 200: Review } } },
    async (req) => closeReview(editor(req), req.params.id, req.params.reviewId),
  );
  app.get(
    `${P}/:id/governance`,
    {
      schema: {
        tags,
        params: PlanIdParams,
        querystring: GovernanceQuery,
        response: { 200: GovernanceReport },
      },
    },
    async (req) => governanceReport(reader(req), req.params.id, req.query),
  );
  app.get(
    `${P}/:id/governance.pdf`,
    { schema: { tags, params: PlanIdParams, querystring: GovernanceQuery } },
    async (req, reply) => {
      const file = await governancePdf(reader(req), req.params.id, req.query);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", attachment(file.name))
        .header("cache-control", "private, no-store")
        .send(file.body);
    },
  );
  app.get(
    `${P}/:id/publication`,
    { schema: { tags, params: PlanIdParams, response: { 200: PlanPublication } } },
    async (req) => getPublication(reader(req), req.params.id),
  );
  app.put(
    `${P}/:id/publication`,
    {
      schema: {
        tags,
        params: PlanIdParams,
        body: PlanPublicationInput,
        summary: "Publish (or withdraw) the plan's public summary at /h/:slug/plan",
        response: { 200: PlanPublication },
      },
    },
    async (req) => savePublication(editor(req), req.params.id, req.body),
  );
  // Deleting (refused for a target with a history: it is retired at a review) and reordering.
  app.delete(
    `${P}/:id/objectives/:objectiveId`,
    { schema: { tags, params: ObjectiveParams, response: { 200: Plan } } },
    async (req) => deleteObjective(editor(req), req.params.id, req.params.objectiveId),
  );
  app.delete(
    `${P}/:id/actions/:actionId`,
    { schema: { tags, params: ActionParams, response: { 200: Plan } } },
    async (req) => deleteAction(editor(req), req.params.id, req.params.actionId),
  );
  app.delete(
    `${P}/:id/targets/:targetId`,
    { schema: { tags, params: TargetParams, response: { 200: Plan } } },
    async (req) => deleteTarget(editor(req), req.params.id, req.params.targetId),
  );
  app.post(
    `${P}/:id/objectives/:objectiveId/move`,
    { schema: { tags, params: ObjectiveParams, body: MoveInput, response: { 200: Plan } } },
    async (req) => moveObjective(editor(req), req.params.id, req.params.objectiveId, req.body),
  );
  app.post(
    `${P}/:id/actions/:actionId/move`,
    { schema: { tags, params: ActionParams, body: MoveInput, response: { 200: Plan } } },
    async (req) => moveAction(editor(req), req.params.id, req.params.actionId, req.body),
  );
  app.post(
    `${P}/:id/targets/:targetId/move`,
    { schema: { tags, params: TargetParams, body: MoveInput, response: { 200: Plan } } },
    async (req) => moveTarget(editor(req), req.params.id, req.params.targetId, req.body),
  );
  app.get(`${P}/:id/export.pdf`, { schema: { tags, params: PlanIdParams } }, async (req, reply) => {
    const file = await planPdf(reader(req), req.params.id);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", attachment(file.name))
      .header("cache-control", "private, no-store")
      .send(file.body);
  });
  app.get(`${P}/:id/export.xlsx`, { schema: { tags, params: PlanIdParams } }, async (req, reply) => {
    const file = await planXlsx(reader(req), req.params.id);
    return reply
      .header("content-type", XLSX)
      .header("content-disposition", attachment(file.name))
      .header("cache-control", "private, no-store")
      .send(file.body);
  });
};
