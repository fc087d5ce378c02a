import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { TERM_PATTERN } from "../../../shared/rules/cpd-term";
import {
  PublicCpdCatalogue,
  PublicCpdEvent,
  PublicCpdQuery,
  PublicCpdRefParams,
} from "../../../shared/schemas/cpd";
import { PublicHubParams } from "../../../shared/schemas/public";
import { PUBLIC_RATE_LIMIT } from "../public/public.routes";
import { registerPublicPage } from "../public/public-pages";
import {
  hasPublicCpd,
  publicCatalogue,
  publicCatalogueIcs,
  publicEvent,
  publicEventIcs,
  publicTermPdf,
} from "./cpd-public.service";

const tags = ["public"];
const P = "/api/public/hubs/:slug/cpd";

registerPublicPage({
  key: "cpd",
  title: "CPD for school staff",
  href: (slug) => `/cpd/catalogue/${slug}`,
  available: (db, hubId) => hasPublicCpd(db, hubId, new Date()),
});

/**
 * The public CPD catalogue (decision 018): registered inside the public plugin, so it is GET
 * only, rate-limited and cacheable. Public fields only: no ids, no attendees, no bookings.
 */
export const cpdPublicRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Read here, not at import: public.routes.ts imports this file.
  const config = { rateLimit: PUBLIC_RATE_LIMIT };
  app.get(
    P,
    {
      schema: {
        tags,
        params: PublicHubParams,
        querystring: PublicCpdQuery,
        response: { 200: PublicCpdCatalogue },
      },
      config,
    },
    async (req, reply) => {
      // Written once per page and minute with this schema (cpd-public.service.ts): sent as it
      // is (Fastify serialises objects only), with its entity tag.
      const page = await publicCatalogue(app.deps.db, req.params.slug, req.query, app.deps.clock());
      return reply
        .type("application/json; charset=utf-8")
        .header("etag", page.etag)
        .send(page.json as unknown as PublicCpdCatalogue);
    },
  );
  app.get(`${P}.ics`, { schema: { tags, params: PublicHubParams }, config }, async (req, reply) =>
    reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", `inline; filename="${req.params.slug}-cpd.ics"`)
      .send(await publicCatalogueIcs(app.deps.db, req.params.slug, app.deps.clock())),
  );
  app.get(
    `${P}/term.pdf`,
    {
      schema: {
        tags,
        params: PublicHubParams,
        querystring: z.object({
          term: z.string().regex(TERM_PATTERN, "A term looks like 2025/26-autumn").optional(),
        }),
      },
      config,
    },
    async (req, reply) => {
      const file = await publicTermPdf(app.deps.db, req.params.slug, req.query.term, app.deps.clock());
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${file.name}"`)
        .send(file.body);
    },
  );
  app.get(
    `${P}/:ref`,
    { schema: { tags, params: PublicCpdRefParams, response: { 200: PublicCpdEvent } }, config },
    async (req) => publicEvent(app.deps.db, req.params.slug, req.params.ref, app.deps.clock()),
  );
  app.get(
    `${P}/:ref/event.ics`,
    { schema: { tags, params: PublicCpdRefParams }, config },
    async (req, reply) =>
      reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="${req.params.ref}.ics"`)
        .send(await publicEventIcs(app.deps.db, req.params.slug, req.params.ref, app.deps.clock())),
  );
};
