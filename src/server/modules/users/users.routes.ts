import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { paged } from "../../../shared/schemas/common";
import {
  InviteRequest,
  InviteResponse,
  Member,
  MemberListQuery,
  MemberPatch,
  Option,
} from "../../../shared/schemas/users";
import { ctxOf, requireActor, requireRole } from "../../platform/http";
import { HUB_ROLES, MANAGE_USERS_ROLES } from "./users.policy";
import { inviteMember, listMembers, partnerOptions, schoolOptions, updateMember } from "./users.service";

const tags = ["users"];

export const usersRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/users",
    { schema: { tags, querystring: MemberListQuery, response: { 200: paged(Member) } } },
    async (req) => listMembers(ctxOf(req, requireRole(req, MANAGE_USERS_ROLES)), req.query),
  );

  app.post(
    "/api/users/invitations",
    { schema: { tags, body: InviteRequest, response: { 201: InviteResponse } } },
    async (req, reply) => {
      const actor = requireRole(req, MANAGE_USERS_ROLES);
      return reply.status(201).send(await inviteMember(ctxOf(req, actor), req.body));
    },
  );

  app.patch(
    "/api/users/:userId",
    {
      schema: { tags, params: z.object({ userId: z.uuid() }), body: MemberPatch, response: { 200: Member } },
    },
    async (req) =>
      updateMember(ctxOf(req, requireRole(req, MANAGE_USERS_ROLES)), req.params.userId, req.body),
  );

  const optionsQuery = z.object({ q: z.string().trim().max(100).optional() });
  app.get(
    "/api/options/schools",
    { schema: { tags, querystring: optionsQuery, response: { 200: z.array(Option) } } },
    async (req) => schoolOptions(ctxOf(req, requireRole(req, HUB_ROLES)), req.query.q),
  );
  app.get(
    "/api/options/partners",
    { schema: { tags, querystring: optionsQuery, response: { 200: z.array(Option) } } },
    async (req) => {
      requireActor(req);
      return partnerOptions(ctxOf(req, requireRole(req, HUB_ROLES)), req.query.q);
    },
  );
};
