import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "./errors";

/**
 * Guards that hold for every route, so bad input is refused in one place (issue 7, item 10) and
 * personal data is never cached (item 12). See docs/decisions/011-formula-safe-csv-and-bad-input.md.
 */

const NUL_IN_URL = /%00|\0/i;
const nulRefused = (where: string, path?: string) =>
  new AppError(
    "invalid",
    `${where} contains a NUL character (\\u0000), which Tutti does not accept`,
    path === undefined ? undefined : { fields: [{ path, message: "Contains a NUL character" }] },
  );

/** The path (a.b.0.c) of the first string or key holding a NUL character, if any. */
export const findNul = (value: unknown, path: string[] = [], depth = 0): string | undefined => {
  if (typeof value === "string") return value.includes("\0") ? path.join(".") : undefined;
  if (depth > 64 || value === null || typeof value !== "object") return undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [k, v] of entries) {
    const key = String(k);
    if (key.includes("\0")) return [...path, key.replaceAll("\0", "")].join(".");
    const found = findNul(v, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
};

const notFoundBody = (req: FastifyRequest) => ({
  error: {
    code: "not_found",
    message: `No route for ${req.method} ${(req.url.split("?")[0] ?? "").slice(0, 200)}`,
  },
});

/** The JSON 404 every unknown path gets (an unknown `/api/...` path never gets the web page). */
export const sendNotFound = (req: FastifyRequest, reply: FastifyReply) =>
  reply.status(404).header("cache-control", "no-store").send(notFoundBody(req));

/**
 * Fastify's own refusals made before any route runs (a URL that does not decode, a route
 * parameter longer than the router allows) in the usual error shape rather than Fastify's.
 */
export const frameworkErrors = (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH")
    return reply
      .status(404)
      .header("cache-control", "no-store")
      .send({ error: { code: "not_found", message: "No such page: a part of the address is too long" } });
  return reply
    .status(400)
    .header("cache-control", "no-store")
    .send({ error: { code: "invalid", message: "The address is not valid (it does not decode as UTF-8)" } });
};

export const registerRequestGuards = (app: FastifyInstance): void => {
  // A NUL byte anywhere in the address (path or query) is refused before any route sees it.
  app.addHook("onRequest", async (req) => {
    if (NUL_IN_URL.test(req.url)) throw nulRefused("The address");
  });
  // ...and anywhere in a parsed body (JSON: every string and key), before validation.
  app.addHook("preValidation", async (req) => {
    const at = findNul(req.body);
    if (at !== undefined) throw nulRefused(at ? `The field ${at}` : "The request body", at);
  });
  // Every API answer may carry personal data (or say whether someone exists): never cached.
  app.addHook("onSend", async (req, reply) => {
    if (req.url.startsWith("/api/") && !reply.hasHeader("cache-control"))
      reply.header("cache-control", "no-store");
  });
};
