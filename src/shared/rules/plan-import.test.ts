import { describe, expect, it } from "vitest";
import { PLAN_TEMPLATE_HEADER, parseByWhen, parsePlanRows } from "./plan-import";

describe("parseByWhen", () => {
  it.each([
    ["2015-04-30", "2015-04-30"],
    ["30/04/2015", "2015-04-30"],
    ["1/9/2025", "2025-09-01"],
    ["Apr 2015", "2015-04-30"],
    ["April 2015", "2015-04-30"],
    ["2015-04", "2015-04-30"],
    ["Feb 2024", "2024-02-29"],
    ["february 2025", "2025-02-28"],
    ["Sept 2025", "2025-09-30"],
    [" Dec 2026 ", "2026-12-31"],
  ])("reads %s as %s", (raw, want) => expect(parseByWhen(raw)).toBe(want));

  it.each(["31/02/2025", "2015-13", "Spring 2025", "next year", "2025", "04/2015x", "Ap 2015", "2015-02-30"])(
    "refuses %s",
    (raw) => expect(parseByWhen(raw)).toBeNull(),
  );
});

const H = PLAN_TEMPLATE_HEADER;

describe("parsePlanRows", () => {
  it("fills blank objective and action cells from the row above, like merged cells", () => {
    const r = parsePlanRows([
      [...H],
      [
        "1",
        "Reach every school",
        "Visit schools",
        "SLE",
        "60% visited",
        "Jul 2026",
        "Gov",
        "Within roles",
        "80%",
      ],
      ["", "", "", "", "Report approved for each", "2026-07-31", "Exec", "", ""],
      ["", "", "Send termly news", "AML", "Every school contacted", "31/08/2026", "Gov", "£500", ""],
      ["2", "Grow singing", "Choir days", "HoS", "4 days", "", "", "", ""],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.counts).toEqual({ objectives: 2, actions: 3, targets: 4 });
    expect(r.objectives[0]?.actions[0]).toEqual({
      text: "Visit schools",
      lead: "SLE",
      targets: [
        {
          text: "60% visited",
          byWhen: "2026-07-31",
          monitor: "Gov",
          budget: "Within roles",
          nextYearTarget: "80%",
        },
        {
          text: "Report approved for each",
          byWhen: "2026-07-31",
          monitor: "Exec",
          budget: "",
          nextYearTarget: "",
        },
      ],
    });
    expect(r.objectives[0]?.actions[1]?.targets[0]?.byWhen).toBe("2026-08-31");
    expect(r.objectives[1]).toMatchObject({ number: 2, title: "Grow singing" });
  });

  it("takes columns in any order and ignores extra ones", () => {
    const r = parsePlanRows([
      ["Target", "Notes", "Action", "objective  NUMBER", "Objective"],
      ["A target", "ignored", "An action", "3", "An objective"],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.objectives).toEqual([
      {
        number: 3,
        title: "An objective",
        actions: [
          {
            text: "An action",
            lead: "",
            targets: [{ text: "A target", byWhen: null, monitor: "", budget: "", nextYearTarget: "" }],
          },
        ],
      },
    ]);
  });

  it("names every missing required column", () => {
    const r = parsePlanRows([["Objective", "Lead"]]);
    expect(r.errors.map((e) => e.column)).toEqual(["Objective number", "Action", "Target"]);
    expect(r.errors[0]).toEqual({
      row: 1,
      column: "Objective number",
      message: 'The column "Objective number" is missing',
    });
  });

  it("reports every bad row with its row and column, and returns nothing", () => {
    const r = parsePlanRows([
      [...H],
      ["", "No number", "x", "", "t", "", "", "", ""],
      ["1", "One", "Act", "", "t", "soon", "", "", ""],
      ["two", "Two", "Act", "", "t", "", "", "", ""],
      ["1", "Renamed", "Act", "", "t", "", "", "", ""],
    ]);
    expect(r.objectives).toEqual([]);
    expect(r.counts).toEqual({ objectives: 0, actions: 0, targets: 0 });
    expect(r.errors).toEqual([
      { row: 2, column: "Objective number", message: "The first row needs an objective number" },
      { row: 3, column: "By when", message: expect.stringContaining("Must be a date") },
      { row: 4, column: "Objective number", message: "Must be a whole number, like 1 or 2" },
      { row: 5, column: "Objective", message: 'Objective 1 is already named "One"' },
    ]);
  });

  it("skips blank rows and needs a title for a new objective", () => {
    const r = parsePlanRows([
      [...H],
      ["", "", "", "", "", "", "", "", ""],
      ["4", "", "Act", "", "t", "", "", "", ""],
    ]);
    expect(r.errors).toEqual([{ row: 3, column: "Objective", message: "Objective 4 needs a title" }]);
  });

  it("refuses an empty file", () => {
    expect(parsePlanRows([]).errors).toEqual([
      { row: 1, column: "", message: "The file is empty: it needs a header row" },
    ]);
  });
});
