import type { IncomingMessage } from "node:http";
import type { FastifyRequest } from "fastify";
import type { Config } from "../config";

/**
 * What the request log may hold. Tokens travel in some paths and queries (an invitation link's
 * `/api/auth/invitations/<token>`, the web pages' `?token=`): they are replaced by "[redacted]"
 * before a line is written. A database error is logged with its SQL but never its parameters
 * (names, e-mail addresses, password hashes, tokens), nor PostgreSQL's `detail` (which repeats
 * the values of a broken key).
 */

export const REDACTED = "[redacted]";

/** Routes whose path carries a secret in the segment after the prefix (other segments kept). */
const SECRET_PATHS: { prefix: string; keep: ReadonlySet<string> }[] = [
  { prefix: "/api/auth/invitations/", keep: new Set(["accept"]) },
  { prefix: "/api/auth/password-reset/", keep: new Set(["complete"]) },
  { prefix: "/api/calendar/feeds/", keep: new Set() },
];

/** A path segment shaped like a token from `newToken` (32+ URL-safe characters, not a UUID). */
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Query parameters that carry secrets, whatever the route. */
const SECRET_PARAM = /token|secret|password/i;

const redactPath = (path: string): string => {
  for (const { prefix, keep } of SECRET_PATHS) {
    if (path.startsWith(prefix)) {
      const rest = path.slice(prefix.length);
      const [first = "", ...more] = rest.split("/");
      if (first && !keep.has(first)) return [`${prefix}${REDACTED}`, ...more].join("/");
    }
  }
  return path
    .split("/")
    .map((segment) => (TOKEN_SEGMENT.test(segment) && !UUID.test(segment) ? REDACTED : segment))
    .join("/");
};

/** A request URL fit for a log: secret path segments and query values replaced. */
export const redactUrl = (url: string): string => {
  const q = url.indexOf("?");
  const path = redactPath(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is logged as it came
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
  return `${path}?${query}`;
};

type Loggable = Record<string, unknown>;
type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };
const DB_FIELDS_KEPT = ["code", "severity", "table", "column", "constraint", "routine", "schema"];

/** An error for the log: pino's standard fields, minus SQL parameters and PostgreSQL detail. */
export const errorForLog = (err: unknown, depth = 0): LoggedError => {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: "" };
  const withQuery = err as Error & { query?: unknown; params?: unknown };
  const hasParams = "params" in withQuery && typeof withQuery.query === "string";
  const code = (err as { code?: unknown }).code;
  // PostgreSQL's data exceptions (class 22) quote the value: 'invalid input syntax for type uuid: "…"'.
  const message = hasParams
    ? `Failed query: ${String(withQuery.query)}`
    : typeof code === "string" && code.startsWith("22")
      ? err.message.replace(/: .*$/s, `: ${REDACTED}`)
      : err.message;
  const stack = (err.stack ?? "").replace(err.message, message);
  const out: LoggedError = { type: err.constructor.name, message, stack };
  const fields = err as unknown as Record<string, unknown>;
  for (const k of DB_FIELDS_KEPT) if (fields[k] !== undefined) out[k] = fields[k];
  if (err.cause !== undefined && depth < 5) out.cause = errorForLog(err.cause, depth + 1);
  return out;
};

const requestForLog = (req: FastifyRequest | IncomingMessage): Loggable => {
  const r = req as FastifyRequest;
  return {
    method: req.method,
    url: redactUrl(req.url ?? ""),
    host: r.host,
    remoteAddress: r.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  };
};

export type LogStream = { write: (line: string) => void };

/** Fastify's logger options: the level, where lines go (stdout unless given), the safe serializers. */
export const loggerOptions = (level: Config["logLevel"], stream?: LogStream) => ({
  level,
  ...(stream ? { stream } : {}),
  serializers: { req: requestForLog, err: errorForLog },
});
