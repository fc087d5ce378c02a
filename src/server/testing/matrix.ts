import type { Role } from "../../shared/schemas/auth";
import type { TestHub } from "./harness";

/** What a matrix case's request is built from: the caller's own hub, and another hub. */
export type MatrixFixture = { own: TestHub; other: TestHub };

export type MatrixRequest = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};

/**
 * One route in the policy matrix. The runner proves: anonymous → 401; every role not in
 * `allowed` → 403 (or the status in `refused`); every allowed role → not refused; and a user of
 * another hub, with an allowed role, gets 404 for the own hub's record (`crossHub: "not_found"`)
 * or sees none of its data (`crossHub: "no_leak"`). No refusal body names the own hub's data.
 */
export type MatrixCase = {
  /** As registered: "GET /api/schools/:urn". */
  route: string;
  request: (f: MatrixFixture) => MatrixRequest;
  allowed: readonly Role[];
  refused?: Partial<Record<Role, 403 | 404>>;
  crossHub: "not_found" | "no_leak" | "not_applicable";
  /** Strings from the own hub that must never appear in another hub's answer. */
  secrets?: (f: MatrixFixture) => string[];
  /** Routes anyone may call (sign-in, health…): listed so the matrix is complete. */
  public?: true;
};
