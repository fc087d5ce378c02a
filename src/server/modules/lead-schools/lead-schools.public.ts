import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PublicLeadSchools, PublicRound, PublicRoundParams } from "../../../shared/schemas/lead-schools";
import { PublicHubParams } from "../../../shared/schemas/public";
import { registerPublicPage } from "../public/public-pages";
import { publicLeadSchools, publicRound } from "./rounds.service";

registerPublicPage({
  key: "lead-schools",
  title: "Lead Schools",
  href: (slug) => `/api/public/hubs/${slug}/lead-schools`,
});

/**
 * The public Lead Schools pages (decision 018), registered inside the public plugin (its rate
 * limit, cache headers and ETags apply): the appointed schools, and a round's page.
 */
export const leadSchoolPublicRoutes = async (
  app: FastifyInstance,
  config: { rateLimit: { max: number; timeWindow: string } },
) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["public"];
  typed.get(
    "/api/public/hubs/:slug/lead-schools",
    { schema: { tags, params: PublicHubParams, response: { 200: PublicLeadSchools } }, config },
    async (req) => publicLeadSchools(app.deps.db, req.params.slug, app.deps.clock()),
  );
  typed.get(
    "/api/public/hubs/:slug/lead-school-rounds/:roundId",
    { schema: { tags, params: PublicRoundParams, response: { 200: PublicRound } }, config },
    async (req) => publicRound(app.deps.db, req.params.slug, req.params.roundId, app.deps.clock()),
  );
};
