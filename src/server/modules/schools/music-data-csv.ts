import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { isAcademicYear } from "../../../shared/rules/academic-year";
import { checkMusicFigures } from "../../../shared/rules/music-figures";
import { MUSIC_FIGURES, type MusicFigureKey, type MusicFigures } from "../../../shared/schemas/schools";
import { type CsvCell, csvDocument } from "../../platform/csv";
import { AppError } from "../../platform/errors";

/**
 * The music-data spreadsheet: a CSV with columns named for people ("Pupils in ensembles"), one
 * row per school and academic year. The template is downloaded prefilled, filled in (in Excel or
 * anything else) and uploaded again.
 */

export const URN_COLUMN = "URN";
export const SCHOOL_COLUMN = "School";
export const YEAR_COLUMN = "Academic year";
export const SDP_COLUMN = "Music in school development plan (yes/no)";

/** Every column of the template, in order. */
export const MUSIC_DATA_COLUMNS: readonly string[] = [
  URN_COLUMN,
  SCHOOL_COLUMN,
  YEAR_COLUMN,
  ...MUSIC_FIGURES.map((f) => f.label),
  SDP_COLUMN,
];

type FigureValues = Partial<Record<MusicFigureKey, number | null>> & { sdpMusic?: boolean | null };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The template as bytes: UTF-8 with a byte order mark, so Excel reads accents right. */
export const buildMusicDataTemplate = (
  academicYear: string,
  schools: { urn: number; name: string; figures: FigureValues | null }[],
): Buffer => {
  const rows = schools.map((s): CsvCell[] => [
    s.urn,
    s.name,
    academicYear,
    ...MUSIC_FIGURES.map((f) => s.figures?.[f.key]),
    s.figures?.sdpMusic,
  ]);
  // The BOM (written by csvDocument) makes Excel read accents right.
  return Buffer.from(csvDocument(MUSIC_DATA_COLUMNS, rows), "utf8");
};

/** Header names compared ignoring case and spaces. */
export const headerKey = (name: string): string => name.replace(/\s+/g, "").toLowerCase();

type Column =
  | { kind: "urn" }
  | { kind: "year" }
  | { kind: "figure"; key: MusicFigureKey; label: string }
  | { kind: "sdp" };

const KNOWN_HEADERS = new Map<string, Column>([
  [headerKey(URN_COLUMN), { kind: "urn" }],
  [headerKey(YEAR_COLUMN), { kind: "year" }],
  [headerKey(SDP_COLUMN), { kind: "sdp" }],
  [headerKey("Music in school development plan"), { kind: "sdp" }],
  ...MUSIC_FIGURES.map((f): [string, Column] => [
    headerKey(f.label),
    { kind: "figure", key: f.key, label: f.label },
  ]),
]);

/** One valid row: the figures of the columns the file has (a missing column leaves that figure alone). */
export type MusicDataRow = { row: number; urn: number; academicYear: string; figures: FigureValues };
export type MusicDataError = { row: number; column: string; message: string };

/** UTF-8 (with or without a BOM) when it decodes as such, else Windows-1252 (Excel's "CSV"). */
export const decodeCsvText = (body: Buffer): string => {
  const bytes = body.subarray(0, 3).equals(UTF8_BOM) ? body.subarray(3) : body;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "win1252");
  }
};

const WHOLE = /^-?\d+$/;
const THOUSANDS = /^\d{1,3}(,\d{3})+$/;
const DECIMAL = /^-?\d+\.\d+$/;
const URN_PATTERN = /^\d{6}$/;

const parseCount = (raw: string): { value: number | null } | { error: string } => {
  const v = raw.trim();
  if (v === "") return { value: null };
  const plain = THOUSANDS.test(v) ? v.replaceAll(",", "") : v;
  if (WHOLE.test(plain)) {
    const n = Number(plain);
    if (n < 0) return { error: `${v} cannot be negative` };
    if (n > 100_000) return { error: `${v} is more than 100,000` };
    return { value: n };
  }
  if (DECIMAL.test(plain)) return { error: `"${v}" is not a whole number` };
  return { error: `"${v}" is not a number` };
};

const parseYesNo = (raw: string): { value: boolean | null } | { error: string } => {
  const v = raw.trim().toLowerCase();
  if (v === "") return { value: null };
  if (["yes", "y", "true"].includes(v)) return { value: true };
  if (["no", "n", "false"].includes(v)) return { value: false };
  return { error: `"${raw.trim()}" is not yes or no` };
};

/**
 * Reads a music-data CSV: maps columns by their labels, checks every row (URN, academic year,
 * numbers, yes/no, the music-figure rules, duplicates) and returns the rows and all the problems,
 * each with its row (the header is row 1) and column. Throws AppError for a file that cannot be
 * one at all (empty, not CSV, no URN or academic year column).
 */
export const parseMusicDataCsv = (
  body: Buffer,
  schoolOf: (urn: number) => { pupils: number | null } | undefined,
): { rows: MusicDataRow[]; errors: MusicDataError[]; rowsRead: number } => {
  let records: string[][];
  try {
    records = parse(decodeCsvText(body), { relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (err) {
    if (err instanceof CsvError)
      throw new AppError("invalid", `The file could not be read as CSV: ${err.message}`);
    throw err;
  }
  const [header, ...data] = records;
  if (!header) throw new AppError("invalid", "The file is empty");
  const columns = header.map((h) => KNOWN_HEADERS.get(headerKey(h)));
  const has = (kind: Column["kind"]) => columns.some((c) => c?.kind === kind);
  if (!has("urn"))
    throw new AppError(
      "invalid",
      `The file has no "${URN_COLUMN}" column; download the template and fill that in`,
    );
  if (!has("year"))
    throw new AppError(
      "invalid",
      `The file has no "${YEAR_COLUMN}" column; download the template and fill that in`,
    );

  const rows: MusicDataRow[] = [];
  const errors: MusicDataError[] = [];
  const seen = new Map<string, number>();
  let rowsRead = 0;
  data.forEach((fields, i) => {
    const row = i + 2;
    if (fields.every((f) => f.trim() === "")) return;
    rowsRead++;
    const rowErrors: MusicDataError[] = [];
    const fail = (column: string, message: string) => rowErrors.push({ row, column, message });
    let urn: number | null = null;
    let year: string | null = null;
    const figures: FigureValues = {};
    columns.forEach((col, c) => {
      if (!col) return;
      const raw = fields[c] ?? "";
      if (col.kind === "urn") {
        const v = raw.trim();
        if (v === "") fail(URN_COLUMN, "URN is empty");
        else if (!URN_PATTERN.test(v)) fail(URN_COLUMN, `URN "${v}" is not 6 digits`);
        else urn = Number(v);
      } else if (col.kind === "year") {
        const v = raw.trim();
        if (v === "") fail(YEAR_COLUMN, "Academic year is empty");
        else if (!isAcademicYear(v)) fail(YEAR_COLUMN, `"${v}" is not an academic year like 2025/26`);
        else year = v;
      } else if (col.kind === "sdp") {
        const r = parseYesNo(raw);
        if ("error" in r) fail(SDP_COLUMN, r.error);
        else figures.sdpMusic = r.value;
      } else {
        const r = parseCount(raw);
        if ("error" in r) fail(col.label, r.error);
        else figures[col.key] = r.value;
      }
    });
    const school = urn === null ? undefined : schoolOf(urn);
    if (urn !== null && !school) fail(URN_COLUMN, `No school with URN ${urn} in this hub`);
    if (school && rowErrors.length === 0) {
      for (const p of checkMusicFigures(figures as MusicFigures, school.pupils)) {
        const label = MUSIC_FIGURES.find((f) => f.key === p.path)?.label ?? p.path;
        fail(label, p.message);
      }
    }
    if (urn !== null && year !== null) {
      const key = `${urn}|${year}`;
      const first = seen.get(key);
      if (first !== undefined)
        fail(URN_COLUMN, `URN ${urn} for ${year} appears twice: rows ${first} and ${row}`);
      else seen.set(key, row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (urn !== null && year !== null) rows.push({ row, urn, academicYear: year, figures });
  });
  return { rows, errors, rowsRead };
};
