import { CSRF_HEADER } from "../../shared/roles";
import type { FieldProblem } from "../../shared/schemas/common";

/** Any failed API call: the server's `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  readonly details: unknown;

  constructor(status: number, code: string, message: string, fields: FieldProblem[] = [], details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

let csrfToken: string | null = null;

/** Remember the token from the latest MeResponse; sent on every request that changes state. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=x`, leaving out empty values. */
export const toQueryString = (params: QueryParams | undefined): string => {
  if (!params) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const readFields = (details: unknown): FieldProblem[] => {
  if (!isRecord(details) || !Array.isArray(details.fields)) return [];
  return details.fields.flatMap((f: unknown) =>
    isRecord(f) && typeof f.path === "string" && typeof f.message === "string"
      ? [{ path: f.path, message: f.message }]
      : [],
  );
};

const errorFromResponse = async (response: Response): Promise<ApiError> => {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, details } = body.error;
    return new ApiError(
      response.status,
      typeof code === "string" ? code : "error",
      typeof message === "string" ? message : `Request failed (${response.status})`,
      readFields(details),
      details,
    );
  }
  const message =
    response.status >= 500
      ? "Something went wrong on the server. Please try again in a moment."
      : `Request failed (${response.status})`;
  return new ApiError(response.status, "http_error", message);
};

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

export const request = async <T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "Could not reach Tutti. Check your connection and try again.");
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204 || response.status === 202) {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return (await response.json()) as T;
};

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** A plain sentence for any error, for alerts. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong. Please try again.";
};
