import { describe, expect, it } from "vitest";
import { hasSqlState } from "./availability";

describe("hasSqlState", () => {
  const pgError = (code: string) => Object.assign(new Error("duplicate key"), { code });

  it("finds the SQLSTATE on the driver's error and on Drizzle's wrapper of it", () => {
    expect(hasSqlState(pgError("23505"), "23505")).toBe(true);
    expect(hasSqlState(new Error("Failed query", { cause: pgError("42P01") }), "42P01")).toBe(true);
  });

  it("says no for another state, a plain error or something that is not an error", () => {
    expect(hasSqlState(pgError("23503"), "23505")).toBe(false);
    expect(hasSqlState(new Error("boom"), "23505")).toBe(false);
    expect(hasSqlState(undefined, "23505")).toBe(false);
  });
});
