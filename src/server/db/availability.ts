/**
 * Whether an error means "the database cannot be reached just now" (server stopped, restarting,
 * connection cut) rather than a fault in the query: such errors answer 503 `database_unavailable`
 * instead of 500. Drizzle wraps the driver's error in `cause`, so the chain is walked.
 */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// SQLSTATE: class 08 connection exceptions; 57P01 admin shutdown, 57P02 crash shutdown,
// 57P03 cannot connect now (starting up, shutting down, in recovery); 53300 too many connections.
const SQLSTATE = /^(08\d{3}|57P0[123]|53300)$/;

const MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)/i;

export const isDatabaseUnavailable = (err: unknown): boolean => {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (MESSAGES.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = e.cause;
  }
  return false;
};

/**
 * Whether PostgreSQL refused a statement with this SQLSTATE (e.g. "23505" unique_violation,
 * "42P01" undefined_table), however the driver and Drizzle wrapped the error.
 */
export const hasSqlState = (err: unknown, state: string): boolean => {
  for (let e: unknown = err, depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    if ((e as { code?: unknown }).code === state) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
};
