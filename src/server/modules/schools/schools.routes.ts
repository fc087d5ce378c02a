import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AssignLinkOfficerRequest,
  BulkResult,
  Contact,
  ContactInput,
  ContactRole,
  ExportQuery,
  LinkOfficer,
  MusicFigures,
  MusicYear,
  School,
  SchoolListQuery,
  SchoolListResponse,
  SchoolMapQuery,
  SchoolMapResponse,
  SchoolPatch,
  Urn,
  YearParams,
} from "../../../shared/schemas/schools";
import { ctxOf, requireRole } from "../../platform/http";
import { schoolSummaryPdf } from "./school-summary";
import { HUB_ROLES, REGISTER_ROLES } from "./schools.policy";
import {
  assignLinkOfficer,
  deleteContact,
  exportSchools,
  getSchool,
  listLinkOfficers,
  listSchoolsJson,
  putContact,
  putMusicYear,
  schoolMap,
  updateSchool,
} from "./schools.service";

const tags = ["schools"];

/** A school in a URL: its URN (as the web uses), or its Tutti id (as memberships and other modules hold). */
const SchoolRefParam = z.union([z.uuid(), Urn]);
const SchoolParams = z.object({ urn: SchoolRefParam });
const ContactParams = SchoolParams.extend({ role: ContactRole });
const MusicYearParams = YearParams.extend({ urn: SchoolRefParam });

/** The schools register's routes (list, profile, contacts, music data, export, map, link officers). */
export const schoolsRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/schools",
    { schema: { tags, querystring: SchoolListQuery, response: { 200: SchoolListResponse } } },
    async (req, reply) => {
      const json = await listSchoolsJson(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.query);
      // Sent as it is (Fastify serialises objects only): the JSON was written with this schema.
      return reply.type("application/json; charset=utf-8").send(json as unknown as SchoolListResponse);
    },
  );

  app.get("/api/schools/export", { schema: { tags, querystring: ExportQuery } }, async (req, reply) => {
    const file = await exportSchools(ctxOf(req, requireRole(req, HUB_ROLES)), req.query);
    return reply
      .header("content-type", file.contentType)
      .header("content-disposition", `attachment; filename="${file.fileName}"`)
      .header("cache-control", "no-store")
      .send(file.body);
  });

  app.get(
    "/api/schools/map",
    { schema: { tags, querystring: SchoolMapQuery, response: { 200: SchoolMapResponse } } },
    async (req) => schoolMap(ctxOf(req, requireRole(req, HUB_ROLES)), req.query),
  );

  app.get(
    "/api/schools/:urn",
    { schema: { tags, params: SchoolParams, response: { 200: School } } },
    async (req) => getSchool(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.params.urn),
  );

  app.get("/api/schools/:urn/summary.pdf", { schema: { tags, params: SchoolParams } }, async (req, reply) => {
    const file = await schoolSummaryPdf(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.params.urn);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `inline; filename="${file.fileName}"`)
      .header("cache-control", "private, no-store")
      .send(file.body);
  });

  app.patch(
    "/api/schools/:urn",
    { schema: { tags, params: SchoolParams, body: SchoolPatch, response: { 200: School } } },
    async (req) => updateSchool(ctxOf(req, requireRole(req, HUB_ROLES)), req.params.urn, req.body),
  );

  app.put(
    "/api/schools/:urn/contacts/:role",
    { schema: { tags, params: ContactParams, body: ContactInput, response: { 200: Contact } } },
    async (req) =>
      putContact(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.params.urn, req.params.role, req.body),
  );

  app.delete(
    "/api/schools/:urn/contacts/:role",
    { schema: { tags, params: ContactParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteContact(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.params.urn, req.params.role);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/schools/:urn/music-data/:year",
    { schema: { tags, params: MusicYearParams, body: MusicFigures, response: { 200: MusicYear } } },
    async (req) =>
      putMusicYear(ctxOf(req, requireRole(req, REGISTER_ROLES)), req.params.urn, req.params.year, req.body),
  );

  app.get("/api/link-officers", { schema: { tags, response: { 200: z.array(LinkOfficer) } } }, async (req) =>
    listLinkOfficers(ctxOf(req, requireRole(req, HUB_ROLES))),
  );

  app.post(
    "/api/link-officers/assign",
    { schema: { tags, body: AssignLinkOfficerRequest, response: { 200: BulkResult } } },
    async (req) => assignLinkOfficer(ctxOf(req, requireRole(req, HUB_ROLES)), req.body),
  );
};
