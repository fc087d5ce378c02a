import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CalendarFeedToken, FeedTokenParams } from "../../../shared/schemas/calendar";
import { ctxOf, requireActor } from "../../platform/http";
import { mintFeedToken, personalFeed } from "./calendar.service";

const tags = ["calendar"];

/** Per address: a calendar program polls a feed about hourly; this is generous for people too. */
export const FEED_RATE_LIMIT = { max: 60, timeWindow: "1 minute" };

export const calendarRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/me/calendar-token",
    { schema: { tags, response: { 200: CalendarFeedToken } } },
    async (req, reply) => {
      const token = await mintFeedToken(ctxOf(req, requireActor(req)));
      reply.header("cache-control", "no-store");
      return token;
    },
  );

  app.get(
    "/api/calendar/feeds/:token.ics",
    { schema: { tags, params: FeedTokenParams }, config: { rateLimit: FEED_RATE_LIMIT } },
    async (req, reply) => {
      const ics = await personalFeed(app.deps.db, req.params.token, app.deps.clock());
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", 'inline; filename="tutti.ics"')
        .header("cache-control", "private, max-age=300")
        .send(ics);
    },
  );
};
