import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PublicHubParams } from "../../../shared/schemas/public";
import { PublicQualityMark } from "../../../shared/schemas/quality-mark";
import { londonDate } from "../engagement/visits.calendar";
import { registerPublicPage } from "../public/public-pages";
import { publicAwards } from "./awards.service";
import { qmRepository } from "./quality-mark.repository";

/**
 * GET /api/public/hubs/:slug/quality-mark: the hub's schools holding a current award, with the
 * level and academic year only. Registered inside the public plugin (rate limit, caching, GET only).
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
};

registerPublicPage({
  key: "quality-mark",
  title: "Schools holding the music quality mark",
  href: (slug) => `/api/public/hubs/${slug}/quality-mark`,
  available: async (db, hubId) =>
    (await qmRepository(db).currentAwards(hubId, londonDate(new Date()))).length > 0,
});
