import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber } from "./format";

describe("UK formats", () => {
  it("formats dates as 25 Nov 2026", () => {
    expect(formatDate("2026-11-25T14:05:00Z")).toBe("25 Nov 2026");
  });
  it("formats instants in UK time, 24-hour clock", () => {
    expect(formatDateTime("2026-11-25T14:05:00Z")).toBe("25 Nov 2026, 14:05");
    // British Summer Time: UTC+1
    expect(formatDateTime("2026-07-01T08:30:00Z")).toBe("1 Jul 2026, 09:30");
  });
  it("shows a dash for missing or invalid values", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDateTime("not a date")).toBe("—");
  });
  it("groups thousands", () => {
    expect(formatNumber(24000)).toBe("24,000");
  });
});
