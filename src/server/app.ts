import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import helmet from "helmet";
import { auditRoutes } from "./modules/audit/audit.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { hubsRoutes } from "./modules/hubs/hubs.routes";
import { outboxRoutes } from "./modules/outbox/outbox.routes";
import { questionnairesRoutes } from "./modules/questionnaires/questionnaires.routes";
import { areasRoutes } from "./modules/schools/areas.routes";
import { schoolImportsRoutes } from "./modules/schools/school-imports.routes";
import { schoolsRoutes } from "./modules/schools/schools.routes";
import { usersRoutes } from "./modules/users/users.routes";
import type { Deps } from "./platform/context";
import { registerErrorHandler, registerSessionHooks } from "./platform/http";
import { serializerCompiler } from "./platform/serializer";

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

/** Every module's routes, in one list: adding a capability is adding a line here. */
const MODULES = [
  hubsRoutes,
  authRoutes,
  usersRoutes,
  auditRoutes,
  outboxRoutes,
  schoolsRoutes,
  areasRoutes,
  schoolImportsRoutes,
  questionnairesRoutes,
];

export type BuildOptions = {
  logger?: boolean;
  serveWeb?: boolean;
  extraModules?: ((app: FastifyInstance) => Promise<void>)[];
};

/** Builds the Fastify app from its dependencies: plugins, modules, error handler. */
export const buildApp = async (deps: Deps, opts: BuildOptions = {}): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.logLevel } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.decorate("deps", deps);
  const routes: { method: string; url: string }[] = [];
  app.decorate("routeList", routes);
  app.addHook("onRoute", (r) => {
    for (const method of [r.method].flat()) if (method !== "HEAD") routes.push({ method, url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // Security headers (CSP and the rest) from helmet, configured once. (@fastify/helmet built
  // helmet's middleware anew on every request: a tenth of a simple request's CPU.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "upgrade-insecure-requests": null,
      },
    },
    strictTransportSecurity: deps.config.publicUrl.startsWith("https://"),
  });
  app.addHook("onRequest", (req, reply, done) => {
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  await app.register(cookie, { secret: deps.config.sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: "Tutti API", version: "0.1.0", description: "The JSON API of Tutti, under /api." },
    },
    transform: jsonSchemaTransform,
  });
  registerSessionHooks(app);

  for (const mod of [...MODULES, ...(opts.extraModules ?? [])]) await app.register(mod);

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const serveWeb = opts.serveWeb ?? true;
  if (serveWeb && existsSync(path.join(webRoot, "index.html"))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    app.get("/*", { schema: { hide: true } }, async (req, reply) => {
      const rel = decodeURIComponent((req.params as { "*": string })["*"] ?? "");
      if (rel && !rel.includes("..") && existsSync(path.join(webRoot, rel)) && path.extname(rel)) {
        if (rel.startsWith("assets/")) reply.header("cache-control", "public, max-age=31536000, immutable");
        return reply.sendFile(rel);
      }
      reply.header("cache-control", "no-cache");
      return reply.type("text/html").sendFile("index.html");
    });
  }

  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send({ error: { code: "not_found", message: `No route for ${req.method} ${req.url.split("?")[0]}` } }),
  );
  return app;
};
