import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../shared/schemas/common";
import { CpdFeedbackLink, CpdFeedbackTokenParams, CpdLinkFeedbackInput } from "../../../shared/schemas/cpd";
import { ctxOf, requireRole } from "../../platform/http";
import { rolesFor } from "./cpd.policy";
import { feedbackLink, giveFeedbackByLink, sendFeedbackLinksNow } from "./cpd-feedback-links";

const tags = ["cpd"];
/** Per address: a link is a secret, so guessing is slowed down. */
const linkLimit = { rateLimit: { max: 30, timeWindow: "1 minute" } };
const L = "/api/cpd/feedback-links/:token";

/**
 * Each attendee's own feedback link (no sign-in: the link is the key, only its hash is kept), and
 * hub staff sending the links as soon as an event has started.
 */
export const cpdFeedbackLinkRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/cpd/events/:id/feedback-links",
    { schema: { tags, params: IdParams, response: { 200: z.object({ sent: z.number().int() }) } } },
    async (req) =>
      sendFeedbackLinksNow(ctxOf(req, requireRole(req, rolesFor("manageEvents"))), req.params.id),
  );
  app.get(
    L,
    {
      config: linkLimit,
      schema: { tags, params: CpdFeedbackTokenParams, response: { 200: CpdFeedbackLink } },
    },
    async (req, reply) => {
      reply.header("cache-control", "private, no-store");
      return feedbackLink(app.deps, req.params.token);
    },
  );
  app.post(
    L,
    {
      config: linkLimit,
      schema: {
        tags,
        params: CpdFeedbackTokenParams,
        body: CpdLinkFeedbackInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await giveFeedbackByLink(app.deps, req.params.token, req.body)),
  );
};
