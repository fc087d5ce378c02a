import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvDocument, csvRecords, formulaSafe } from "./csv";

describe("the formula-safe CSV writer", () => {
  it("puts a quote before text a spreadsheet would run as a formula", () => {
    for (const text of [
      "=1+1",
      "+44 1632 960000",
      "-2+3",
      "@SUM(A1)",
      "\tindent",
      "\rline",
      '=HYPERLINK("x")',
    ])
      expect(formulaSafe(text)).toBe(`'${text}`);
  });

  it("leaves ordinary text alone", () => {
    for (const text of ["Ashby Primary", "", " =not first", "St. Mary's", "100% sure", "a=b", "O'Neil"])
      expect(formulaSafe(text)).toBe(text);
  });

  it("writes every dangerous text cell as text, and numbers as numbers (negative ones too)", () => {
    const text = csvRecords([
      ["=cmd|' /C calc'!A0", "-5", -5, 21.5, "+1", "@x", "\tx", "plain"],
      [null, undefined, true, false, 0, "", Number.NaN, "a,b"],
    ]);
    const rows = parse(text, { relax_quotes: true }) as string[][];
    expect(rows[0]).toEqual(["'=cmd|' /C calc'!A0", "'-5", "-5", "21.5", "'+1", "'@x", "'\tx", "plain"]);
    expect(rows[1]).toEqual(["", "", "yes", "no", "0", "", "", "a,b"]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(3);
  });

  it("makes a whole file with a byte order mark and a header", () => {
    const doc = csvDocument(["Name", "Pupils"], [["=evil()", 12]]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(doc.slice(1)).toBe("Name,Pupils\r\n'=evil(),12\r\n");
  });
});
