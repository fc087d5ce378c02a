import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PublicHubParams } from "../../../shared/schemas/public";
import { PublicQualityMark } from "../../../shared/schemas/quality-mark";
import { AppError } from "../../platform/errors";
import { londonDate } from "../engagement/visits.calendar";
import { publicHubRow } from "../public/public.service";
import { renderPublicNotFoundPage } from "../public/public-html";
import { registerPublicPage } from "../public/public-pages";
import { publicAwards } from "./awards.service";
import { renderPublicQualityMark } from "./quality-mark.html";
import { qmRepository } from "./quality-mark.repository";

/**
 * GET /api/public/hubs/:slug/quality-mark: the hub's schools holding a current award, with the
 * level and academic year only; GET /h/:slug/quality-mark: the same as an HTML page. Registered
 * inside the public plugin (rate limit, caching, GET only).
 */
export const qualityMarkPublicRoutes = async (fastify: FastifyInstance, opts: { config: object }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/public/hubs/:slug/quality-mark",
    {
      schema: { tags: ["public"], params: PublicHubParams, response: { 200: PublicQualityMark } },
      config: opts.config,
    },
    async (req) => publicAwards(app.deps.db, req.params.slug, app.deps.clock()),
  );
  app.get(
    "/h/:slug/quality-mark",
    { schema: { hide: true, params: PublicHubParams }, config: opts.config },
    async (req, reply) => {
      reply.type("text/html; charset=utf-8");
      try {
        const hub = await publicHubRow(app.deps.db, req.params.slug);
        const data = await publicAwards(app.deps.db, req.params.slug, app.deps.clock());
        return reply.send(
          renderPublicQualityMark({ name: hub.name, slug: hub.slug, colour: hub.brandColour }, data),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === "not_found")
          return reply.status(404).send(renderPublicNotFoundPage());
        throw err;
      }
    },
  );
};

registerPublicPage({
  key: "quality-mark",
  title: "Schools holding the music quality mark",
  href: (slug) => `/h/${slug}/quality-mark`,
  available: async (db, hubId) =>
    (await qmRepository(db).currentAwards(hubId, londonDate(new Date()))).length > 0,
});
