import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldLabel, inSentence } from "./messages";

const first = (schema: z.ZodType, value: unknown): string => {
  const r = schema.safeParse(value);
  return r.success ? "" : (r.error.issues[0]?.message ?? "");
};

describe("plain messages", () => {
  it("words a too-long or missing field with its label, never zod's text", () => {
    const schema = z.object({ name: z.string().min(1).max(200), jobTitle: z.string().max(80) });
    expect(first(schema, { name: "x".repeat(201), jobTitle: "" })).toBe(
      "Name must be 200 characters or fewer",
    );
    expect(first(schema, { name: "", jobTitle: "" })).toBe("Enter name");
    expect(first(schema, { name: "a", jobTitle: "y".repeat(81) })).toBe(
      "Job title must be 80 characters or fewer",
    );
    expect(first(schema, { jobTitle: "" })).toBe("Enter name");
  });

  it("words numbers, formats and choices", () => {
    expect(first(z.object({ pupils: z.number().int().min(0) }), { pupils: -1 })).toBe(
      "Pupils cannot be negative",
    );
    expect(first(z.object({ pupils: z.number().int() }), { pupils: 1.5 })).toBe(
      "Pupils must be a whole number",
    );
    expect(first(z.object({ pupils: z.number() }), { pupils: "many" })).toBe("Pupils must be a number");
    expect(first(z.object({ email: z.email() }), { email: "nope" })).toBe(
      "Enter an email address, like name@example.org",
    );
    expect(first(z.object({ role: z.enum(["a", "b"]) }), { role: "c" })).toBe("Role must be one of: a, b");
    expect(first(z.strictObject({}), { extra: 1 })).toBe("Extra cannot be set here");
  });

  it("keeps a message written on the schema", () => {
    expect(first(z.string().min(12, "Use at least 12 characters"), "short")).toBe(
      "Use at least 12 characters",
    );
  });

  it("spells out keys it has no label for", () => {
    expect(fieldLabel(["contacts", 0, "firstName"])).toBe("First name");
    expect(fieldLabel([])).toBe("This value");
  });

  it("keeps initialisms capitalised inside a sentence", () => {
    expect(inSentence("SLT member for music")).toBe("SLT member for music");
    expect(inSentence("Music lead")).toBe("music lead");
    expect(inSentence("Headteacher")).toBe("headteacher");
    expect(inSentence("GCSE music entries")).toBe("GCSE music entries");
  });
});
