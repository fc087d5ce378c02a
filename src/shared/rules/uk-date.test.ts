import { describe, expect, it } from "vitest";
import { formatUkDate } from "./uk-date";

describe("formatUkDate", () => {
  it("writes day, month name and year", () => {
    expect(formatUkDate(new Date("2026-12-02T10:00:00Z"))).toBe("2 December 2026");
  });
  it("uses the London calendar day in summer time", () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    expect(formatUkDate(new Date("2026-06-30T23:30:00Z"))).toBe("1 July 2026");
  });
  it("takes a plain date as that day", () => {
    expect(formatUkDate("2027-01-09")).toBe("9 January 2027");
  });
  it("refuses what is not a date", () => {
    expect(() => formatUkDate("soon")).toThrow(RangeError);
  });
});
