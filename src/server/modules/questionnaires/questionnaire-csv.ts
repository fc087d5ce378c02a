import { stringify } from "csv-stringify/sync";

// TODO(csv helper): another helper is creating the project's formula-safe writer
// `src/server/platform/csv.ts`; when it lands, write through it and delete this file.

type Cell = string | number | null;

/** A text cell a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with '. */
const formulaSafe = (cell: Cell): Cell =>
  typeof cell === "string" && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;

/** Rows as CSV text (CRLF line ends, quoted where needed), formula-safe. */
export const csvText = (rows: readonly (readonly Cell[])[]): string =>
  stringify(
    rows.map((r) => r.map(formulaSafe)),
    { record_delimiter: "windows" },
  );
