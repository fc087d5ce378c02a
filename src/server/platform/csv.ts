import { stringify } from "csv-stringify/sync";

/**
 * The one CSV writer: every CSV Tutti writes (the school list export, the music-data template,
 * every later export) goes through here, so no cell can run as a spreadsheet formula.
 *
 * A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
 * single quote in front (the OWASP practice), so Excel, LibreOffice and Google Sheets show it as
 * text rather than evaluate it. The cell's type decides: a JS number is written as a plain
 * number (a negative figure stays a number), a string is always text, even "-5". Callers pass
 * numbers as numbers. See docs/decisions/011-formula-safe-csv-and-bad-input.md.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** A byte order mark, so Excel reads UTF-8 (accents, apostrophes) right. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will show it: prefixed with `'` when it could start a formula. */
export const formulaSafe = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const finiteNumber = (value: number): string => (Number.isFinite(value) ? String(value) : "");

/** Records as CSV text (CRLF line ends, quoted where needed), every text cell formula-safe. */
export const csvRecords = (records: readonly (readonly CsvCell[])[]): string =>
  stringify(records as CsvCell[][], {
    record_delimiter: "windows",
    cast: {
      string: formulaSafe,
      number: finiteNumber,
      boolean: (value) => (value ? "yes" : "no"),
    },
  });

/** A whole CSV file: the byte order mark, the header, the rows. */
export const csvDocument = (header: readonly string[], rows: readonly (readonly CsvCell[])[]): string =>
  `${CSV_BOM}${csvRecords([header, ...rows])}`;
