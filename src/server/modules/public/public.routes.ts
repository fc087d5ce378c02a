import etag from "@fastify/etag";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PublicHub, PublicHubParams } from "../../../shared/schemas/public";
import { AppError } from "../../platform/errors";
import { cpdPublicRoutes } from "../cpd/cpd-public.routes";
import { interestPublicPage } from "../engagement/interest.public";
import { leadSchoolPublicRoutes } from "../lead-schools/lead-schools.public";
import { plansPublicRoutes } from "../plans/plans.public";
import { qualityMarkPublicRoutes } from "../quality-mark/quality-mark.public";
import { publicHubCalendar, publicHubProfile } from "./public.service";
import { renderPublicHubPage, renderPublicNotFoundPage } from "./public-html";

/** Pages anyone may read live under these paths only (the public-routes test lists them all). */
export const PUBLIC_PREFIXES = ["/api/public/", "/h/"] as const;
export const isPublicPath = (url: string): boolean => PUBLIC_PREFIXES.some((p) => url.startsWith(p));

/** Per address, per route. */
export const PUBLIC_RATE_LIMIT = { max: 120, timeWindow: "1 minute" };
/** Browsers and shared caches may keep a public answer five minutes (then revalidate by ETag). */
export const PUBLIC_CACHE_CONTROL = "public, max-age=300";

const tags = ["public"];
const config = { rateLimit: PUBLIC_RATE_LIMIT };

/**
 * The public pages: no sign-in, GET only, rate-limited, cacheable (Cache-Control + ETag, 304
 * on If-None-Match), 404 for an unknown hub. The answer never depends on who asks (a shared
 * cache may keep it): routes here read no session, and JSON goes out through response schemas
 * that name every field.
 */
export const publicRoutes = async (fastify: FastifyInstance) => {
  fastify.addHook("onRoute", (route) => {
    if (!isPublicPath(route.url))
      throw new Error(`Public route ${route.url} must live under ${PUBLIC_PREFIXES.join(" or ")}`);
    for (const method of [route.method].flat())
      if (method !== "GET" && method !== "HEAD")
        throw new Error(`Public route ${method} ${route.url}: GET only`);
  });
  await fastify.register(etag);
  fastify.addHook("onSend", async (_req, reply, payload) => {
    reply.header("cache-control", reply.statusCode < 400 ? PUBLIC_CACHE_CONTROL : "no-store");
    return payload;
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/public/hubs/:slug",
    { schema: { tags, params: PublicHubParams, response: { 200: PublicHub } }, config },
    async (req) => publicHubProfile(app.deps.db, req.params.slug),
  );

  app.get(
    "/api/public/hubs/:slug/calendar.ics",
    { schema: { tags, params: PublicHubParams }, config },
    async (req, reply) => {
      const ics = await publicHubCalendar(app.deps.db, req.params.slug, app.deps.clock());
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `inline; filename="${req.params.slug}.ics"`)
        .send(ics);
    },
  );

  await app.register(interestPublicPage);
  await fastify.register(qualityMarkPublicRoutes, { config });
  await leadSchoolPublicRoutes(app, config);
  await fastify.register(plansPublicRoutes, { config });

  app.get("/h/:slug", { schema: { hide: true, params: PublicHubParams }, config }, async (req, reply) => {
    reply.type("text/html; charset=utf-8");
    try {
      return reply.send(renderPublicHubPage(await publicHubProfile(app.deps.db, req.params.slug)));
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found")
        return reply.status(404).send(renderPublicNotFoundPage());
      throw err;
    }
  });

  // Modules' public pages, inside this plugin (its checks, rate limit and caching apply).
  await fastify.register(cpdPublicRoutes);
};
