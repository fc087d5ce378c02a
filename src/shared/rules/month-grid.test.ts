import { describe, expect, it } from "vitest";
import { addDays, dayAfterKey, monthWeeks } from "./month-grid";

describe("monthWeeks", () => {
  it("lays a month out in weeks from Monday, with blanks for other months' days", () => {
    const weeks = monthWeeks("2026-03"); // 1 March 2026 is a Sunday
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-03-01"]);
    expect(weeks[1]?.[0]).toBe("2026-03-02");
    expect(weeks[5]).toEqual(["2026-03-30", "2026-03-31", null, null, null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it("knows February of a leap year and a month starting on a Monday", () => {
    expect(monthWeeks("2028-02").flat().filter(Boolean)).toHaveLength(29);
    expect(monthWeeks("2026-06")[0]?.[0]).toBe("2026-06-01");
  });
});

describe("dayAfterKey", () => {
  it("moves a day, a week, to the week's ends and across months", () => {
    expect(dayAfterKey("2026-03-31", "ArrowRight")).toBe("2026-04-01");
    expect(dayAfterKey("2026-03-01", "ArrowLeft")).toBe("2026-02-28");
    expect(dayAfterKey("2026-03-10", "ArrowUp")).toBe("2026-03-03");
    expect(dayAfterKey("2026-03-26", "ArrowDown")).toBe("2026-04-02");
    expect(dayAfterKey("2026-03-11", "Home")).toBe("2026-03-09"); // Wednesday → Monday
    expect(dayAfterKey("2026-03-11", "End")).toBe("2026-03-15"); // → Sunday
  });

  it("moves a month with Page Up/Down, keeping the day where the month has it", () => {
    expect(dayAfterKey("2026-03-15", "PageDown")).toBe("2026-04-15");
    expect(dayAfterKey("2026-03-31", "PageDown")).toBe("2026-04-30");
    expect(dayAfterKey("2026-03-31", "PageUp")).toBe("2026-02-28");
    expect(dayAfterKey("2026-01-10", "PageUp")).toBe("2025-12-10");
  });

  it("ignores other keys", () => {
    expect(dayAfterKey("2026-03-15", "a")).toBeNull();
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
