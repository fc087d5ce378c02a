import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors";
import {
  buildMusicDataTemplate,
  decodeCsvText,
  MUSIC_DATA_COLUMNS,
  parseMusicDataCsv,
  SDP_COLUMN,
} from "./music-data-csv";

const schools = new Map([
  [100001, { pupils: 200 }],
  [100002, { pupils: null }],
]);
const schoolOf = (urn: number) => schools.get(urn);
const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe("music-data template", () => {
  it("is UTF-8 with a BOM, human column names and prefilled figures", () => {
    const body = buildMusicDataTemplate("2025/26", [
      { urn: 100001, name: "Fictional Café School", figures: { wcetPupils: 30, sdpMusic: false } },
      { urn: 100002, name: "Fictional, Comma School", figures: null },
    ]);
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(body, { bom: true }) as string[][];
    expect(rows[0]).toEqual(MUSIC_DATA_COLUMNS);
    expect(rows[1]?.slice(0, 4)).toEqual(["100001", "Fictional Café School", "2025/26", "30"]);
    expect(rows[1]?.at(-1)).toBe("no");
    expect(rows[2]?.slice(0, 3)).toEqual(["100002", "Fictional, Comma School", "2025/26"]);
    expect(rows[2]?.slice(3).every((v) => v === "")).toBe(true);
  });

  it("parses back what it wrote", () => {
    const body = buildMusicDataTemplate("2025/26", [
      { urn: 100001, name: "A", figures: { wcetPupils: 30, wcetTerms: 3, sdpMusic: true } },
    ]);
    const { rows, errors } = parseMusicDataCsv(body, schoolOf);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 2, urn: 100001, academicYear: "2025/26" });
    expect(rows[0]?.figures).toMatchObject({
      wcetPupils: 30,
      wcetTerms: 3,
      continuingPupils: null,
      sdpMusic: true,
    });
  });
});

describe("parseMusicDataCsv", () => {
  it("maps headers ignoring case and spaces, and leaves figures of missing columns alone", () => {
    const { rows } = parseMusicDataCsv(
      csv(["urn,academic year,PUPILS  IN ENSEMBLES", "100001,2024/25,1,200"]),
      schoolOf,
    );
    expect(rows[0]?.figures).toEqual({ ensemblePupils: 1 });
  });

  it("accepts thousands separators, skips blank lines and reads Windows-1252", () => {
    const body = iconv.encode(
      [
        "URN,Academic year,Pupils singing regularly,School",
        '100002,2025/26,"1,200",Fictional Étoile',
        ",,,",
        "",
      ].join("\r\n"),
      "win1252",
    );
    expect(decodeCsvText(body)).toContain("Étoile");
    const { rows, errors, rowsRead } = parseMusicDataCsv(body, schoolOf);
    expect(errors).toEqual([]);
    expect(rowsRead).toBe(1);
    expect(rows[0]?.figures).toEqual({ singingPupils: 1200 });
  });

  it("says row, column and what is wrong for every problem", () => {
    const { rows, errors } = parseMusicDataCsv(
      csv([
        `URN,Academic year,Terms of WCET,Pupils in WCET / First Access,Pupils continuing after WCET,"${SDP_COLUMN}"`,
        "12345,2025/26,,,,",
        "100003,2025/26,,,,",
        "100001,2025-26,13,,,perhaps",
        "100001,2025/26,2,10 pupils,,",
        "100001,2024/25,2,20,30,",
        "100002,2025/26,2,-1,,",
        "100002,2025/26,,,,",
      ]),
      schoolOf,
    );
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 2, column: "URN", message: 'URN "12345" is not 6 digits' },
      { row: 3, column: "URN", message: "No school with URN 100003 in this hub" },
      { row: 4, column: "Academic year", message: '"2025-26" is not an academic year like 2025/26' },
      { row: 4, column: SDP_COLUMN, message: '"perhaps" is not yes or no' },
      { row: 5, column: "Pupils in WCET / First Access", message: '"10 pupils" is not a number' },
      {
        row: 6,
        column: "Pupils continuing after WCET",
        message: "Pupils continuing after WCET (30) cannot be more than pupils in WCET (20)",
      },
      { row: 7, column: "Pupils in WCET / First Access", message: "-1 cannot be negative" },
      { row: 8, column: "URN", message: "URN 100002 for 2025/26 appears twice: rows 7 and 8" },
    ]);
  });

  it("refuses a file with no URN or no academic year column, or nothing at all", () => {
    expect(() => parseMusicDataCsv(csv(["School,Academic year"]), schoolOf)).toThrow(AppError);
    expect(() => parseMusicDataCsv(csv(["URN,School"]), schoolOf)).toThrow(/Academic year/);
    expect(() => parseMusicDataCsv(Buffer.alloc(0), schoolOf)).toThrow(/empty/);
  });
});
