import iconv from "iconv-lite";
import { GIAS_COLUMNS_2023 } from "./gias-columns.ts";

/**
 * Test helpers that build GIAS extract files. Fictional schools only.
 *
 *   buildGiasCsv([{ URN: "100001", "LA (code)": "873", EstablishmentName: "Alder Brook Primary School" }])
 *
 * gives a Windows-1252 file with the full 2023 header (140 columns), like the real download.
 */

/**
 * Values used for a column a row does not mention (pass "" to leave a value empty instead):
 * `i` is the row's index. Every other column is left empty.
 */
export const GIAS_FIXTURE_DEFAULTS: Readonly<Record<string, (i: number) => string>> = {
  URN: (i) => String(900001 + i),
  "LA (code)": () => "999",
  "LA (name)": () => "Fictional Borough",
  EstablishmentNumber: (i) => String(2001 + (i % 7000)),
  EstablishmentName: (i) => `Fictional School ${i + 1}`,
  "TypeOfEstablishment (name)": () => "Community school",
  "EstablishmentTypeGroup (name)": () => "Local authority maintained schools",
  "EstablishmentStatus (name)": () => "Open",
  "PhaseOfEducation (name)": () => "Primary",
};

const OLDER_ONLY = new Set([
  "RSCRegion (name)",
  "Country (name)",
  "UPRN",
  "SiteName",
  "QABName (code)",
  "QABName (name)",
  "EstablishmentAccredited (code)",
  "EstablishmentAccredited (name)",
  "QABReport",
  "CHNumber",
  "MSOA (code)",
  "LSOA (code)",
  "FSM",
  "AccreditationExpiryDate",
  "SenUnitOnRoll",
  "SenUnitCapacity",
]);

/**
 * A 2018-style header: no `QABName (code)`, `FSM`, `UPRN`…, but `Inspectorate (name)` and
 * `CensusAreaStatisticWard (name)`, which later extracts dropped.
 */
export const GIAS_COLUMNS_2018: readonly string[] = GIAS_COLUMNS_2023.filter(
  (c) => !OLDER_ONLY.has(c),
).flatMap((c) => {
  if (c === "Northing") return [c, "CensusAreaStatisticWard (name)"];
  if (c === "InspectorateName (name)") return ["Inspectorate (name)", c];
  return [c];
});

const quote = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/**
 * A GIAS extract as bytes: one header row (`columns`, the full 2023 set by default) and one line
 * per row, every value quoted, CRLF line ends, Windows-1252 (default) or UTF-8 with a BOM.
 * A row key that is not in `columns` is a mistake in the test and throws.
 */
export const buildGiasCsv = (
  rows: Partial<Record<string, string>>[],
  opts: { columns?: readonly string[]; encoding?: "win1252" | "utf8bom" } = {},
): Buffer => {
  const columns = opts.columns ?? GIAS_COLUMNS_2023;
  const known = new Set(columns);
  const lines = [columns.map(quote).join(",")];
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new Error(`buildGiasCsv: "${key}" is not one of the columns`);
    }
    lines.push(
      columns.map((column) => quote(row[column] ?? GIAS_FIXTURE_DEFAULTS[column]?.(i) ?? "")).join(","),
    );
  });
  const text = `${lines.join("\r\n")}\r\n`;
  return opts.encoding === "utf8bom"
    ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])
    : iconv.encode(text, "win1252");
};

/** The bytes as a stream of chunks of at most `size` bytes, as a slow upload would deliver them. */
export async function* giasChunks(bytes: Buffer, size = 1024): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size);
  }
}
