import { describe, expect, it } from "vitest";
import { diffRecords, formatValue, humaniseField } from "./diff";

describe("diffRecords", () => {
  it("lists only changed fields", () => {
    expect(diffRecords({ role: "hub_staff", name: "Ada" }, { role: "hub_admin", name: "Ada" })).toEqual([
      { field: "role", kind: "changed", before: "hub_staff", after: "hub_admin" },
    ]);
  });

  it("treats a created record as all fields added", () => {
    expect(diffRecords(null, { email: "a@example.org", active: true })).toEqual([
      { field: "email", kind: "added", before: "—", after: "a@example.org" },
      { field: "active", kind: "added", before: "—", after: "Yes" },
    ]);
  });

  it("treats a deleted record as all fields removed", () => {
    expect(diffRecords({ name: "Brass band" }, null)).toEqual([
      { field: "name", kind: "removed", before: "Brass band", after: "—" },
    ]);
  });

  it("notices fields that appear or disappear, and compares objects by value", () => {
    expect(diffRecords({ laCodes: ["207"], old: 1 }, { laCodes: ["207"], added: null })).toEqual([
      { field: "old", kind: "removed", before: "1", after: "—" },
      { field: "added", kind: "added", before: "—", after: "—" },
    ]);
  });

  it("returns nothing when both sides are empty", () => {
    expect(diffRecords(null, null)).toEqual([]);
  });
});

describe("formatting", () => {
  it("formats values for reading", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue(false)).toBe("No");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
  it("never shows an internal id as a value", () => {
    expect(formatValue("3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e")).toBe("(set)");
    expect(formatValue("Alder Grove Academy")).toBe("Alder Grove Academy");
    // Nor inside a list or an object: a list of ids is counted.
    expect(
      formatValue(["3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e", "c89ee16c-73b1-4085-8239-3c32d7d76220"]),
    ).toBe("2 set");
    expect(formatValue({ by: "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e", n: 2 })).toBe('{"by":"(set)","n":2}');
  });
  it("humanises field names", () => {
    expect(humaniseField("schoolId")).toBe("School id");
    expect(humaniseField("last_sign_in_at")).toBe("Last sign in at");
  });
});
