import { describe, expect, it } from "vitest";
import { PASSWORD_MIN, passwordProblem } from "./password-rule";

describe("passwordProblem", () => {
  it("accepts a long password of unrelated words", () => {
    expect(passwordProblem("violin-harbour-maple", "nia.bright@example.test")).toBeUndefined();
  });

  it(`refuses fewer than ${PASSWORD_MIN} characters, saying how many are needed`, () => {
    expect(passwordProblem("tutti-demo1")).toBe("Use at least 12 characters");
    expect(passwordProblem("x".repeat(201))).toBe("Use at most 200 characters");
  });

  it("refuses a password from the common list, also in capitals or padded with digits and symbols", () => {
    for (const p of ["qwertyuiop12", "PASSWORD1234", "Password2026!", "!!!sunshine2026", "iloveyou-1234"])
      expect(passwordProblem(p), p).toMatch(/list of common passwords/);
  });

  it("refuses a password that contains the first part of the e-mail address", () => {
    expect(passwordProblem("Nia.Bright-violins", "nia.bright@example.test")).toMatch(/e-mail address/);
    expect(passwordProblem("violins-and-nia.bright", "NIA.BRIGHT@example.test")).toMatch(/e-mail address/);
  });

  it("does not refuse for a very short local part", () => {
    expect(passwordProblem("jo-violin-harbour", "jo@example.test")).toBeUndefined();
  });
});
