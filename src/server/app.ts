import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, {
  type FastifyInstance,
  type FastifySerializerCompiler,
  type FastifyServerOptions,
} from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import helmet from "helmet";
import type { ZodType } from "zod";
import { auditRoutes } from "./modules/audit/audit.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { calendarRoutes } from "./modules/calendar/calendar.routes";
import { cpdRoutes } from "./modules/cpd/cpd.routes";
import { engagementRoutes } from "./modules/engagement/engagement.routes";
import { phasesRoutes } from "./modules/engagement/phases.routes";
import { ragRoutes } from "./modules/engagement/rag.routes";
import { homeRoutes } from "./modules/home/home.routes";
import { hubsRoutes } from "./modules/hubs/hubs.routes";
import { leadSchoolsRoutes } from "./modules/lead-schools/lead-schools.routes";
import { outboxRoutes } from "./modules/outbox/outbox.routes";
import { plansRoutes } from "./modules/plans/plans.routes";
import { publicRoutes } from "./modules/public/public.routes";
import { qualityMarkRoutes } from "./modules/quality-mark/quality-mark.routes";
import { questionnairesRoutes } from "./modules/questionnaires/questionnaires.routes";
import { areasRoutes } from "./modules/schools/areas.routes";
import { schoolImportsRoutes } from "./modules/schools/school-imports.routes";
import { schoolsRoutes } from "./modules/schools/schools.routes";
import { timelineRoutes } from "./modules/schools/timeline";
import { usersRoutes } from "./modules/users/users.routes";
import type { Deps } from "./platform/context";
import { registerFreshnessHooks } from "./platform/freshness-hooks";
import { registerErrorHandler, registerSessionHooks } from "./platform/http";
import { type LogStream, loggerOptions } from "./platform/logging";
import { frameworkErrors, registerRequestGuards, sendNotFound } from "./platform/request-guards";
import { lazySerializers } from "./platform/serializer";

/** dist/web from src/server/app.ts and from the build's chunks in dist/server alike. */
export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

/** Every module's routes, in one list: adding a capability is adding a line here. */
const MODULES = [
  hubsRoutes,
  authRoutes,
  usersRoutes,
  auditRoutes,
  outboxRoutes,
  homeRoutes,
  schoolsRoutes,
  areasRoutes,
  schoolImportsRoutes,
  calendarRoutes,
  publicRoutes,
  questionnairesRoutes,
  engagementRoutes,
  ragRoutes,
  phasesRoutes,
  qualityMarkRoutes,
  cpdRoutes,
  plansRoutes,
  leadSchoolsRoutes,
  timelineRoutes,
];

export type BuildOptions = {
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them); implies `logger`. */
  logStream?: LogStream;
  serveWeb?: boolean;
  /** The built web app's folder (tests point it at a stand-in). */
  webRoot?: string;
  extraModules?: ((app: FastifyInstance) => Promise<void>)[];
  /** Registers @fastify/swagger: only the app that writes the OpenAPI document does (below). */
  openapi?: boolean;
};

/**
 * GET /api/openapi.json: the document is written by a second app, built with @fastify/swagger the
 * first time it is asked for and kept. Registering swagger (and the YAML parser it loads) in the
 * serving app was ~50 ms of every start-up, for a document few ever read (decision 031).
 */
const openApiRoute = (app: FastifyInstance, deps: Deps, writer: boolean): void => {
  let doc: Promise<unknown> | undefined;
  const write = async () => {
    const docs = await buildApp(deps, { serveWeb: false, openapi: true });
    try {
      await docs.ready();
      return docs.swagger();
    } finally {
      await docs.close();
    }
  };
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => {
    if (writer) return app.swagger();
    doc ??= write().catch((err: unknown) => {
      doc = undefined;
      throw err;
    });
    return doc;
  });
};

/**
 * Fastify's types for a compilers factory name Ajv's and fast-json-stringify's compilers; ours
 * are the zod ones it accepts everywhere else (setValidatorCompiler, setSerializerCompiler).
 */
type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>;
const ourCompilers = (serializer: FastifySerializerCompiler<ZodType>): CompilersFactory =>
  ({
    buildValidator: () => validatorCompiler,
    buildSerializer: () => serializer,
  }) as unknown as CompilersFactory;

/** Builds the Fastify app from its dependencies: plugins, modules, error handler. */
export const buildApp = async (deps: Deps, opts: BuildOptions = {}): Promise<FastifyInstance> => {
  const hops = deps.config.trustProxy;
  const serializers = lazySerializers();
  const app = Fastify({
    logger: opts.logger || opts.logStream ? loggerOptions(deps.config.logLevel, opts.logStream) : false,
    // Our compilers (zod in, fast-json-stringify on first use out) from the start, so Fastify
    // does not load Ajv and its own serializer compiler for schemas it never compiles.
    schemaController: { compilersFactory: ourCompilers(serializers.compiler) },
    frameworkErrors,
    // X-Forwarded-For only from configured proxies (TRUST_PROXY), so clients cannot mint addresses.
    trustProxy: typeof hops === "number" ? (_address: string, hop: number) => hop < hops : hops,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.decorate("deps", deps);
  const routes: { method: string; url: string }[] = [];
  app.decorate("routeList", routes);
  app.addHook("onRoute", (r) => {
    for (const method of [r.method].flat()) if (method !== "HEAD") routes.push({ method, url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializers.compiler);
  app.decorate("compileSerializers", serializers.compileAll);
  registerErrorHandler(app);
  registerRequestGuards(app);

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
  if (opts.openapi)
    await app.register((await import("@fastify/swagger")).default, {
      openapi: {
        info: { title: "Tutti API", version: "0.1.0", description: "The JSON API of Tutti, under /api." },
      },
      transform: jsonSchemaTransform,
    });
  registerSessionHooks(app);
  registerFreshnessHooks(app, deps.db);

  for (const mod of [...MODULES, ...(opts.extraModules ?? [])]) {
    await app.register(mod);
    // Between modules, the event loop answers what waits (at start-up: the migrations' and the
    // demo's queries, which would otherwise wait for the whole build; decision 031).
    await new Promise((resolve) => setImmediate(resolve));
  }

  openApiRoute(app, deps, opts.openapi ?? false);

  const serveWeb = opts.serveWeb ?? true;
  const root = opts.webRoot ?? webRoot;
  if (serveWeb && existsSync(path.join(root, "index.html"))) {
    // serve: false: only reply.sendFile, so every file goes through the route below (its caching).
    await app.register(fastifyStatic, { root, serve: false });
    app.get("/*", { schema: { hide: true } }, async (req, reply) => {
      const rel = (req.params as { "*": string })["*"] ?? "";
      // An unknown API path answers JSON, never the web page.
      if (rel === "api" || rel.startsWith("api/")) return sendNotFound(req, reply);
      if (rel && !rel.includes("..") && existsSync(path.join(root, rel)) && path.extname(rel)) {
        // Hashed assets are kept a year (sendFile's own max-age=0 would replace the header).
        if (rel.startsWith("assets/"))
          return reply
            .header("cache-control", "public, max-age=31536000, immutable")
            .sendFile(rel, { cacheControl: false });
        return reply.sendFile(rel);
      }
      reply.header("cache-control", "no-cache");
      return reply.type("text/html").sendFile("index.html", { cacheControl: false });
    });
  }

  app.setNotFoundHandler(sendNotFound);
  return app;
};
