import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PublicPlans } from "../../../shared/schemas/plans";
import { PublicHubParams } from "../../../shared/schemas/public";
import { AppError } from "../../platform/errors";
import { renderPublicNotFoundPage } from "../public/public-html";
import { registerPublicPage } from "../public/public-pages";
import { hasPublishedPlan, publicPlanHref, publicPlans } from "./plan-publication.service";
import { renderPublicPlans } from "./plans.html";

registerPublicPage({
  key: "plan",
  title: "Our plan for music education",
  href: publicPlanHref,
  available: hasPublishedPlan,
});

/**
 * The hub's published plan summary (decision 029), registered inside the public plugin (GET
 * only, rate-limited, cacheable): JSON at /api/public/hubs/:slug/plan, HTML at /h/:slug/plan.
 */
export const plansPublicRoutes = async (fastify: FastifyInstance, opts: { config: object }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/public/hubs/:slug/plan",
    {
      schema: { tags: ["public"], params: PublicHubParams, response: { 200: PublicPlans } },
      config: opts.config,
    },
    async (req) => publicPlans(app.deps.db, req.params.slug, app.deps.clock()),
  );
  app.get(
    "/h/:slug/plan",
    { schema: { hide: true, params: PublicHubParams }, config: opts.config },
    async (req, reply) => {
      reply.type("text/html; charset=utf-8");
      try {
        const data = await publicPlans(app.deps.db, req.params.slug, app.deps.clock());
        return reply.send(renderPublicPlans(data, req.params.slug));
      } catch (err) {
        if (err instanceof AppError && err.code === "not_found")
          return reply.status(404).send(renderPublicNotFoundPage());
        throw err;
      }
    },
  );
};
