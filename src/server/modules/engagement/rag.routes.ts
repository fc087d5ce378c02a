import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  RagBoardQuery,
  RagBoardResponse,
  RagCriteriaInput,
  RagCriteriaResponse,
  SchoolRag,
  SetRagRequest,
} from "../../../shared/schemas/rag";
import { Urn } from "../../../shared/schemas/schools";
import { ctxOf, requireRole } from "../../platform/http";
import { rolesFor } from "./rag.policy";
import { getRagCriteria, getSchoolRag, putRagCriteria, ragBoardJson, setSchoolRag } from "./rag.service";

const tags = ["engagement"];
/** A school in a URL: its URN, or its Tutti id (as the schools routes take it). */
const SchoolParams = z.object({ urn: z.union([z.uuid(), Urn]) });

/** RAG ratings: a school's rating and suggestion, the hub's criteria, and the RAG board. */
export const ragRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/schools/:urn/rag",
    { schema: { tags, params: SchoolParams, response: { 200: SchoolRag } } },
    async (req) => getSchoolRag(ctxOf(req, requireRole(req, rolesFor("seeRatings"))), req.params.urn),
  );

  app.put(
    "/api/schools/:urn/rag",
    { schema: { tags, params: SchoolParams, body: SetRagRequest, response: { 200: SchoolRag } } },
    async (req) =>
      setSchoolRag(ctxOf(req, requireRole(req, rolesFor("setRatings"))), req.params.urn, req.body),
  );

  app.get(
    "/api/engagement/rag-criteria",
    { schema: { tags, response: { 200: RagCriteriaResponse } } },
    async (req) => getRagCriteria(ctxOf(req, requireRole(req, rolesFor("seeCriteria")))),
  );

  app.put(
    "/api/engagement/rag-criteria",
    { schema: { tags, body: RagCriteriaInput, response: { 200: RagCriteriaResponse } } },
    async (req) => putRagCriteria(ctxOf(req, requireRole(req, rolesFor("editCriteria"))), req.body),
  );

  app.get(
    "/api/engagement/rag-board",
    { schema: { tags, querystring: RagBoardQuery, response: { 200: RagBoardResponse } } },
    async (req, reply) => {
      const json = await ragBoardJson(ctxOf(req, requireRole(req, rolesFor("seeRatings"))), req.query);
      // Kept already written with this schema (platform/hub-reads.ts): sent as it is.
      return reply.type("application/json; charset=utf-8").send(json as unknown as RagBoardResponse);
    },
  );
};
