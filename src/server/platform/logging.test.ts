import { describe, expect, it } from "vitest";
import { errorForLog, redactUrl } from "./logging";
import { newToken } from "./tokens";

describe("redactUrl", () => {
  it("hides invitation tokens, token-shaped segments and secret query values", () => {
    const token = newToken();
    expect(redactUrl(`/api/auth/invitations/${token}`)).toBe("/api/auth/invitations/[redacted]");
    expect(redactUrl("/api/auth/invitations/abc")).toBe("/api/auth/invitations/[redacted]");
    expect(redactUrl("/api/auth/password-reset/short")).toBe("/api/auth/password-reset/[redacted]");
    expect(redactUrl(`/api/calendar/feeds/${token}.ics`)).toBe("/api/calendar/feeds/[redacted]");
    expect(redactUrl(`/api/anything/${token}/more`)).toBe("/api/anything/[redacted]/more");
    expect(redactUrl(`/reset-password?token=${token}&x=1`)).toBe("/reset-password?token=[redacted]&x=1");
    expect(redactUrl(`/x?resetToken=${token}`)).toBe("/x?resetToken=[redacted]");
  });

  it("keeps ids, ordinary paths and the accept route readable", () => {
    const id = "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    expect(redactUrl(`/api/schools/${id}?q=ashby&page=2`)).toBe(`/api/schools/${id}?q=ashby&page=2`);
    expect(redactUrl("/api/auth/invitations/accept")).toBe("/api/auth/invitations/accept");
    expect(redactUrl("/api/auth/password-reset/complete")).toBe("/api/auth/password-reset/complete");
    expect(redactUrl("/schools?q=%E0%A4%A")).toBe("/schools?q=%E0%A4%A");
  });
});

describe("errorForLog", () => {
  it("drops a query error's parameters and PostgreSQL's detail, keeps the SQL and the code", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), {
      code: "23505",
      constraint: "users_email",
      detail: "Key (email)=(pat@example.test) already exists.",
    });
    const err = Object.assign(
      new Error("Failed query: insert into users (email) values ($1)\nparams: pat@example.test"),
      { query: "insert into users (email) values ($1)", params: ["pat@example.test"], cause },
    );
    const logged = errorForLog(err);
    const text = JSON.stringify(logged);
    expect(text).not.toContain("pat@example.test");
    expect(logged.message).toBe("Failed query: insert into users (email) values ($1)");
    expect(logged.cause).toMatchObject({ code: "23505", constraint: "users_email" });
  });

  it("drops the value PostgreSQL quotes in a data exception", () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "pat@example.test"'), {
      code: "22P02",
    });
    const logged = errorForLog(err);
    expect(JSON.stringify(logged)).not.toContain("pat@example.test");
    expect(logged.message).toBe("invalid input syntax for type uuid: [redacted]");
  });
});
