import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { CSRF_HEADER, type Role, SESSION_COOKIE } from "../../shared/schemas/auth";
import { isDatabaseUnavailable } from "../db/availability";
import { actorOf, resolveSession, type SessionInfo } from "../modules/auth/auth.service";
import type { Actor } from "./actor";
import { contextFor, type Deps, type ServiceContext } from "./context";
import { AppError, ERROR_STATUS } from "./errors";

declare module "fastify" {
  interface FastifyRequest {
    session: SessionInfo | undefined;
  }
  interface FastifyInstance {
    deps: Deps;
    /** Every route registered, for the policy matrix test. */
    routeList: { method: string; url: string }[];
    /** Compiles every response serializer not yet used (they compile on first use); returns how many. */
    compileSerializers: () => number;
  }
}

/** The actor of the request, or 401. */
export const requireActor = (req: FastifyRequest): Actor => {
  const actor = req.session ? actorOf(req.session) : undefined;
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue");
  return actor;
};

/** The actor, who must hold one of these roles in the current hub, or 403. */
export const requireRole = (req: FastifyRequest, roles: readonly Role[]): Actor => {
  const actor = requireActor(req);
  if (!roles.includes(actor.role))
    throw new AppError("forbidden", "Your role in this hub does not allow that");
  return actor;
};

export const ctxOf = (req: FastifyRequest, actor: Actor): ServiceContext =>
  contextFor(req.server.deps, actor);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes that start a session and so cannot carry a CSRF token; they check Origin instead. */
const NO_SESSION_ROUTES = new Set([
  "/api/auth/sign-in",
  "/api/auth/password-reset",
  "/api/auth/password-reset/complete",
  "/api/auth/invitations/accept",
  "/api/engagement/interest/public",
]);

export const sessionCookieOptions = (deps: Deps, expires?: Date) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: deps.config.publicUrl.startsWith("https://"),
  ...(expires ? { expires } : {}),
});

/** The host of an Origin header, or 400 when it is not an address (`Origin: ::nonsense`). */
const originHost = (origin: string): string => {
  if (!URL.canParse(origin)) throw new AppError("invalid", "The Origin header is not a valid address");
  return new URL(origin).host;
};

/** Resolves the session once per request and guards state-changing requests against CSRF. */
export const registerSessionHooks = (app: FastifyInstance): void => {
  app.decorateRequest("session", undefined);
  app.addHook("onRequest", async (req) => {
    if (!req.url.startsWith("/api/")) return;
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await resolveSession(app.deps, token) : undefined;
    if (SAFE_METHODS.has(req.method)) return;
    const path = req.url.split("?")[0] ?? "";
    if (NO_SESSION_ROUTES.has(path)) {
      const origin = req.headers.origin;
      if (origin && originHost(origin) !== req.headers.host && origin !== app.deps.config.publicUrl)
        throw new AppError("csrf", "This request came from another site and was refused");
      return;
    }
    if (req.session && req.headers[CSRF_HEADER] !== req.session.csrfToken)
      throw new AppError("csrf", "The page was out of date; reload it and try again");
  });
};

/** The multipart parser's own words for a body it cannot read (busboy throws plain Errors). */
const BROKEN_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of (multipart data|form)|.* terminated early due to unexpected end of multipart data|The needle cannot)/;

/** PostgreSQL refusing text it cannot store: a NUL byte (22021) or an untranslatable character (22P05). */
const BAD_TEXT_SQLSTATES = new Set(["22021", "22P05"]);

/** The error or one of its causes (drizzle wraps pg's error) matching the test. */
const causeMatching = (err: unknown, test: (e: Error & { code?: unknown }) => boolean): boolean => {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++)
    if (test(e)) return true;
  return false;
};

const fieldPath = (instancePath: string): string => instancePath.replace(/^\//, "").replaceAll("/", ".");

/** One handler maps every error to `{ error: { code, message, details? } }`; no internals leak. */
export const registerErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: fieldPath(v.instancePath),
        message: v.message ?? "Invalid",
      }));
      // Each message already names its field in words (src/shared/messages.ts), so it is shown as is.
      const message = fields[0]?.message ?? "Something in the request is not valid";
      return reply.status(400).send({ error: { code: "invalid", message, details: { fields } } });
    }
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, "database unavailable");
      return reply
        .status(ERROR_STATUS.database_unavailable)
        .header("retry-after", "5")
        .send({
          error: {
            code: "database_unavailable",
            message: "The database is unavailable just now; try again in a moment",
          },
        });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, "response did not match its schema");
      return reply
        .status(500)
        .send({ error: { code: "internal", message: "Something went wrong on our side" } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429)
      return reply
        .status(429)
        .send({ error: { code: "rate_limited", message: "Too many requests; wait a minute and try again" } });
    if (status === 413 || err.code === "FST_REQ_FILE_TOO_LARGE")
      return reply.status(413).send({ error: { code: "too_large", message: "The file is too large" } });
    if (status === 415 || err.code === "FST_INVALID_MULTIPART_CONTENT_TYPE")
      return reply.status(415).send({
        error: {
          code: "unsupported_media_type",
          message: "That kind of request body is not accepted here",
        },
      });
    if (
      status >= 400 &&
      status < 500 &&
      (err.code === "FST_MP_PREMATURE_CLOSE" || err.code === "FST_PROTO_VIOLATION")
    )
      return reply
        .status(400)
        .send({ error: { code: "invalid", message: "The form data could not be read; send it again" } });
    if (status >= 400 && status < 500) {
      const code = status === 404 ? "not_found" : "invalid";
      return reply.status(status).send({ error: { code, message: err.message.replace(/^body\//, "") } });
    }
    if (causeMatching(err, (e) => BROKEN_MULTIPART.test(e.message) && e.code === undefined))
      return reply.status(400).send({
        error: { code: "invalid", message: "The form data is broken or cut short; send it again" },
      });
    if (causeMatching(err, (e) => typeof e.code === "string" && BAD_TEXT_SQLSTATES.has(e.code)))
      return reply.status(400).send({
        error: {
          code: "invalid",
          message: "The request contains characters Tutti cannot store (such as a NUL byte)",
        },
      });
    req.log.error({ err }, "unhandled error");
    return reply
      .status(ERROR_STATUS.internal)
      .send({ error: { code: "internal", message: "Something went wrong on our side" } });
  });
};
