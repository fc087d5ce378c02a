import { sql } from "drizzle-orm";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PublicLeadSchools, PublicRound, PublicRoundParams } from "../../../shared/schemas/lead-schools";
import { PublicHubParams } from "../../../shared/schemas/public";
import { AppError } from "../../platform/errors";
import { renderPublicNotFoundPage } from "../public/public-html";
import { registerPublicPage } from "../public/public-pages";
import { renderPublicLeadSchools, renderPublicRound } from "./lead-schools.html";
import { publicLeadSchools, publicRound } from "./rounds.service";

registerPublicPage({
  key: "lead-schools",
  title: "Lead Schools",
  href: (slug) => `/h/${slug}/lead-schools`,
  // Listed once the hub has a Lead School or a round (a hub new to Tutti shows nothing empty).
  available: async (db, hubId) => {
    const { rows } = await db.execute(
      sql`select 1 from lead_schools where hub_id = ${hubId} union all select 1 from lead_school_rounds where hub_id = ${hubId} limit 1`,
    );
    return rows.length > 0;
  },
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
  const html = async (reply: FastifyReply, render: () => Promise<string>) => {
    reply.type("text/html; charset=utf-8");
    try {
      return reply.send(await render());
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found")
        return reply.status(404).send(renderPublicNotFoundPage());
      throw err;
    }
  };
  typed.get(
    "/h/:slug/lead-schools",
    { schema: { hide: true, params: PublicHubParams }, config },
    async (req, reply) =>
      html(reply, async () =>
        renderPublicLeadSchools(
          await publicLeadSchools(app.deps.db, req.params.slug, app.deps.clock()),
          req.params.slug,
        ),
      ),
  );
  typed.get(
    "/h/:slug/lead-school-rounds/:roundId",
    { schema: { hide: true, params: PublicRoundParams }, config },
    async (req, reply) =>
      html(reply, async () =>
        renderPublicRound(
          await publicRound(app.deps.db, req.params.slug, req.params.roundId, app.deps.clock()),
        ),
      ),
  );
};
