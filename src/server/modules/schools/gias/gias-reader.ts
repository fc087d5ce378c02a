import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import iconv from "iconv-lite";
import { normalisePhase, type Phase } from "../../../../shared/rules/phase.ts";
import {
  GIAS_COLUMNS,
  GIAS_REQUIRED_COLUMNS,
  GIAS_SEN_COLUMNS,
  GIAS_STATUSES,
  type GiasColumnKey,
  type SchoolStatus,
} from "./gias-columns.ts";

/** One school as read from a GIAS extract. `null` wherever the extract leaves the value empty. */
export type GiasSchoolRecord = {
  urn: number;
  laCode: string;
  laName: string | null;
  establishmentNumber: string | null;
  /** `LA (code)` + `EstablishmentNumber`, e.g. "2072345"; null without an establishment number. */
  laestab: string | null;
  name: string;
  typeName: string | null;
  typeGroup: string | null;
  phase: Phase;
  status: SchoolStatus;
  /** The raw `EstablishmentStatus (name)`, e.g. "Open, but proposed to close". */
  giasStatus: string | null;
  /** ISO dates, "yyyy-mm-dd". */
  openDate: string | null;
  closeDate: string | null;
  statutoryLowAge: number | null;
  statutoryHighAge: number | null;
  sixthForm: string | null;
  pupils: number | null;
  percentFsm: number | null;
  trust: string | null;
  street: string | null;
  locality: string | null;
  address3: string | null;
  town: string | null;
  county: string | null;
  postcode: string | null;
  website: string | null;
  phone: string | null;
  headTitle: string | null;
  headFirstName: string | null;
  headLastName: string | null;
  headJobTitle: string | null;
  district: string | null;
  constituency: string | null;
  urbanRural: string | null;
  /** British National Grid (EPSG:27700), metres. */
  easting: number | null;
  northing: number | null;
  ofstedRating: string | null;
  ofstedDate: string | null;
  /** The non-empty `SEN1 (name)` … `SEN13 (name)` values, in column order. */
  senProvision: string[];
};

/**
 * A problem with one row. `row` is the 1-based line number in the file, counting the header as
 * row 1 (so the first data row is row 2); `column` is the GIAS header name, or "" when the
 * problem is with the row as a whole (e.g. the wrong number of fields).
 */
export type GiasRowError = { row: number; column: string; message: string };

/** What the reader yields for every data row (blank rows are skipped). `row` as in GiasRowError. */
export type GiasRowResult =
  | { ok: true; row: number; record: GiasSchoolRecord }
  | {
      ok: false;
      row: number;
      errors: GiasRowError[];
      /** The row's `LA (code)` when it could be read, so that a caller can skip rows of LAs it does not take. */
      laCode?: string;
    };

export type GiasFileErrorReason = "empty" | "not_csv" | "no_header" | "missing_columns" | "unreadable";

/** The file as a whole cannot be read as a GIAS extract. The message is meant for the hub user. */
export class GiasFileError extends Error {
  override readonly name = "GiasFileError";
  readonly reason: GiasFileErrorReason;

  constructor(reason: GiasFileErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

export type ReadGiasOptions = {
  /** Called after every chunk of input with the number of bytes read so far. */
  onProgress?: (bytesRead: number) => void;
};

// ---------------------------------------------------------------------------------------------
// Bytes → text: sniff the start, reject what is clearly not CSV, pick the encoding.

/** How much of the start of the file is looked at before deciding its encoding. */
const SNIFF_BYTES = 4096;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const SIGNATURES: readonly { bytes: Buffer; what: string }[] = [
  { bytes: Buffer.from("PK\x03\x04", "latin1"), what: "a ZIP archive or an Excel workbook (.xlsx)" },
  { bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), what: "an old-style Excel workbook (.xls)" },
  { bytes: Buffer.from("%PDF", "latin1"), what: "a PDF document" },
  { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]), what: "a PNG image" },
  { bytes: Buffer.from([0xff, 0xd8, 0xff]), what: "a JPEG image" },
  { bytes: Buffer.from("GIF8", "latin1"), what: "a GIF image" },
  { bytes: Buffer.from([0x1f, 0x8b]), what: "a gzip archive" },
  { bytes: Buffer.from("Rar!", "latin1"), what: "a RAR archive" },
  { bytes: Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), what: "a 7-Zip archive" },
  { bytes: Buffer.from([0xff, 0xfe]), what: "UTF-16 text" },
  { bytes: Buffer.from([0xfe, 0xff]), what: "UTF-16 text" },
];

const notCsv = (what: string | null): GiasFileError =>
  new GiasFileError(
    "not_csv",
    what === null
      ? "This is not a CSV file: it contains binary data. Download the establishment extract from GIAS as CSV and upload that file."
      : `This is not a CSV file: it looks like ${what}. Download the establishment extract from GIAS as CSV and upload that file.`,
  );

/** Throws unless the start of the file could be CSV text; returns the encoding to read it with. */
const sniff = (head: Buffer): "utf8" | "win1252" => {
  for (const { bytes, what } of SIGNATURES) {
    if (head.subarray(0, bytes.length).equals(bytes)) throw notCsv(what);
  }
  if (/^\s*<(!doctype html|html)/i.test(head.subarray(0, 256).toString("latin1"))) {
    throw notCsv("a web page (HTML)");
  }
  if (head.indexOf(0) !== -1) throw notCsv(null);
  let control = 0;
  for (const byte of head) {
    // C0 controls other than tab, line feed, form feed and carriage return never occur in CSV text.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) control++;
  }
  if (control > head.length / 100) throw notCsv(null);
  return head.subarray(0, 3).equals(UTF8_BOM) ? "utf8" : "win1252";
};

/**
 * The input's chunks as Buffers, checked on the way: progress reported, a NUL byte (never in CSV
 * text, in Windows-1252 or UTF-8: a binary or UTF-16 file) → "not CSV", no bytes at all → "empty".
 * (NULs in the first SNIFF_BYTES are left to sniff(), which reads all the chunks that start there.)
 */
async function* checkedChunks(
  input: AsyncIterable<Buffer | string>,
  onProgress: ((bytesRead: number) => void) | undefined,
): AsyncGenerator<Buffer> {
  let bytesRead = 0;
  for await (const chunk of input) {
    if (typeof chunk === "string") {
      throw new TypeError("readGiasExtract needs bytes: do not set an encoding on the input stream");
    }
    const startsAt = bytesRead;
    bytesRead += chunk.length;
    onProgress?.(bytesRead);
    if (chunk.length === 0) continue;
    // The sniffed start is checked by sniff(), after the signatures, which say more.
    if (startsAt >= SNIFF_BYTES && chunk.indexOf(0) !== -1) throw notCsv(null);
    yield chunk;
  }
  if (bytesRead === 0) throw new GiasFileError("empty", "The file is empty.");
}

/**
 * Windows-1252 is ISO-8859-1 (Latin-1) except for bytes 0x80–0x9F (€ ‚ „ … ‘ ’ “ ” – — ™ Œ Š Ž…).
 * So a Windows-1252 file is parsed as Latin-1, which costs nothing (a byte is a character), and
 * only a value holding one of those 32 characters is re-decoded through iconv-lite's
 * Windows-1252 table: the same text as decoding the whole file, at a fraction of the cost.
 */
const C1_CONTROLS = /[\u0080-\u009f]/;
/** A lead byte then a continuation byte: how UTF-8 looks when read as Latin-1 ("Ã‰" for "É"). */
const UTF8_SEQUENCE = /[\u00c2-\u00f4][\u0080-\u00bf]/;
const fromLatin1ToWin1252 = (value: string): string => {
  if (UTF8_SEQUENCE.test(value)) {
    // A file re-saved as UTF-8 without a byte order mark: decode such values as UTF-8, which a
    // real Windows-1252 name almost never is.
    const bytes = Buffer.from(value, "latin1");
    if (isUtf8(bytes)) return bytes.toString("utf8");
  }
  return C1_CONTROLS.test(value) ? iconv.decode(Buffer.from(value, "latin1"), "win1252") : value;
};
const unchanged = (value: string): string => value;

// ---------------------------------------------------------------------------------------------
// Header → column positions.

type ColumnPositions = Record<GiasColumnKey, number> & { sen: number[] };

/** Header names are compared ignoring case and runs of white space. */
const headerKey = (name: string): string => name.replace(/\s+/g, " ").trim().toLowerCase();

const describeColumns = (header: readonly string[]): string => {
  const names = header.map((h) => h.trim()).filter((h) => h !== "");
  if (names.length === 0) return "none";
  const shown = names.slice(0, 8).map((h) => `"${h.length > 40 ? `${h.slice(0, 40)}…` : h}"`);
  return names.length > shown.length
    ? `${shown.join(", ")} and ${names.length - shown.length} more`
    : shown.join(", ");
};

const readHeader = (header: readonly string[]): ColumnPositions => {
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (key !== "" && !position.has(key)) position.set(key, i);
  });
  const at = (name: string): number => position.get(headerKey(name)) ?? -1;

  if (at(GIAS_COLUMNS.urn) < 0) {
    throw new GiasFileError(
      "missing_columns",
      `The file has no URN column, so it is not a GIAS extract. Columns found: ${describeColumns(header)}.`,
    );
  }
  const missing = GIAS_REQUIRED_COLUMNS.filter((name) => at(name) < 0);
  if (missing.length > 0) {
    throw new GiasFileError(
      "missing_columns",
      `The file has no ${missing.map((m) => `"${m}"`).join(", ")} column${missing.length > 1 ? "s" : ""}, ` +
        `which every GIAS extract has. Columns found: ${describeColumns(header)}.`,
    );
  }

  const positions = { sen: GIAS_SEN_COLUMNS.map(at).filter((i) => i >= 0) } as ColumnPositions;
  for (const key of Object.keys(GIAS_COLUMNS) as GiasColumnKey[]) positions[key] = at(GIAS_COLUMNS[key]);
  return positions;
};

// ---------------------------------------------------------------------------------------------
// One row → a record or its errors.

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const URN_PATTERN = /^\d{6}$/;
const DMY_DATE = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/; // GIAS writes dd-mm-yyyy; Excel re-saves dd/mm/yyyy
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const STATUS_BY_KEY = new Map<string, SchoolStatus>(
  Object.entries(GIAS_STATUSES).map(([name, status]) => [name.toLowerCase(), status]),
);
const STATUS_NAMES = Object.keys(GIAS_STATUSES)
  .map((s) => `"${s}"`)
  .join(", ");

const isoDate = (year: number, month: number, day: number): string | null => {
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

const toRecord = (
  fields: readonly string[],
  at: ColumnPositions,
  row: number,
  decode: (value: string) => string,
): { record: GiasSchoolRecord } | { errors: GiasRowError[]; laCode: string | null } => {
  const errors: GiasRowError[] = [];
  const fail = (key: GiasColumnKey, message: string): null => {
    errors.push({ row, column: GIAS_COLUMNS[key], message });
    return null;
  };

  const textAt = (i: number): string | null => {
    if (i < 0) return null;
    const value = fields[i]?.trim();
    return value === undefined || value === "" ? null : decode(value);
  };
  const text = (key: GiasColumnKey): string | null => textAt(at[key]);

  const wholeNumber = (key: GiasColumnKey): number | null => {
    const value = text(key);
    if (value === null) return null;
    if (!WHOLE_NUMBER.test(value)) return fail(key, `${GIAS_COLUMNS[key]} "${value}" is not a whole number`);
    return Number(value);
  };

  const date = (key: GiasColumnKey): string | null => {
    const value = text(key);
    if (value === null) return null;
    const dmy = DMY_DATE.exec(value);
    const iso = dmy === null ? ISO_DATE.exec(value) : null;
    const result =
      dmy !== null
        ? isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
        : iso !== null
          ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
          : null;
    return result ?? fail(key, `${GIAS_COLUMNS[key]} "${value}" is not a date in the form dd-mm-yyyy`);
  };

  const percentage = (key: GiasColumnKey): number | null => {
    const value = text(key);
    if (value === null) return null;
    if (!DECIMAL.test(value)) return fail(key, `${GIAS_COLUMNS[key]} "${value}" is not a number`);
    const n = Number(value);
    if (n > 100) return fail(key, `${GIAS_COLUMNS[key]} ${value} is over 100`);
    if (n < 0) return fail(key, `${GIAS_COLUMNS[key]} ${value} is below 0`);
    return n;
  };

  const urnText = text("urn");
  let urn: number | null = null;
  if (urnText === null) fail("urn", "URN is empty");
  else if (!URN_PATTERN.test(urnText)) fail("urn", `URN "${urnText}" is not 6 digits`);
  else urn = Number(urnText);

  const laCode = text("laCode") ?? fail("laCode", `${GIAS_COLUMNS.laCode} is empty`);
  const name = text("name") ?? fail("name", `${GIAS_COLUMNS.name} is empty`);

  const giasStatus = text("giasStatus");
  let status: SchoolStatus | null = null;
  if (giasStatus === null) fail("giasStatus", `${GIAS_COLUMNS.giasStatus} is empty`);
  else {
    status = STATUS_BY_KEY.get(giasStatus.replace(/\s+/g, " ").toLowerCase()) ?? null;
    if (status === null) {
      fail("giasStatus", `${GIAS_COLUMNS.giasStatus} "${giasStatus}" is not one of ${STATUS_NAMES}`);
    }
  }

  const establishmentNumber = text("establishmentNumber");
  const typeName = text("typeName");
  const typeGroup = text("typeGroup");
  const openDate = date("openDate");
  const closeDate = date("closeDate");
  const statutoryLowAge = wholeNumber("statutoryLowAge");
  const statutoryHighAge = wholeNumber("statutoryHighAge");
  const pupils = wholeNumber("pupils");
  const percentFsm = percentage("percentFsm");
  const easting = wholeNumber("easting");
  const northing = wholeNumber("northing");
  const ofstedDate = date("ofstedDate");

  const senProvision: string[] = [];
  for (const i of at.sen) {
    const value = textAt(i);
    if (value !== null) senProvision.push(value);
  }

  if (errors.length > 0 || urn === null || laCode === null || name === null || status === null) {
    // Report in the order the columns appear in the file.
    const position = (e: GiasRowError): number => {
      const key = (Object.keys(GIAS_COLUMNS) as GiasColumnKey[]).find((k) => GIAS_COLUMNS[k] === e.column);
      return key === undefined ? -1 : at[key];
    };
    return {
      errors: errors.length > 1 ? errors.sort((a, b) => position(a) - position(b)) : errors,
      laCode,
    };
  }

  return {
    record: {
      urn,
      laCode,
      laName: text("laName"),
      establishmentNumber,
      laestab: establishmentNumber === null ? null : `${laCode}${establishmentNumber}`,
      name,
      typeName,
      typeGroup,
      phase: normalisePhase(text("phaseName") ?? "", typeName ?? "", typeGroup ?? ""),
      status,
      giasStatus,
      openDate,
      closeDate,
      statutoryLowAge,
      statutoryHighAge,
      sixthForm: text("sixthForm"),
      pupils,
      percentFsm,
      trust: text("trust"),
      street: text("street"),
      locality: text("locality"),
      address3: text("address3"),
      town: text("town"),
      county: text("county"),
      postcode: text("postcode"),
      website: text("website"),
      phone: text("phone"),
      headTitle: text("headTitle"),
      headFirstName: text("headFirstName"),
      headLastName: text("headLastName"),
      headJobTitle: text("headJobTitle"),
      district: text("district"),
      constituency: text("constituency"),
      urbanRural: text("urbanRural"),
      easting,
      northing,
      ofstedRating: text("ofstedRating"),
      ofstedDate,
      senProvision,
    },
  };
};

// ---------------------------------------------------------------------------------------------
// CSV errors csv-parse skips → row errors.

type SkippedRow = { line: number; code: string; message: string; fieldCount: number | null };

const toSkippedRow = (err: CsvError, drift: number): SkippedRow => ({
  line: typeof err.lines === "number" ? err.lines - drift : 0,
  code: err.code,
  message: err.message,
  fieldCount: Array.isArray(err.record) ? err.record.length : null,
});

const skippedRowError = (skipped: SkippedRow, headerLength: number): GiasRowResult => {
  let message: string;
  switch (skipped.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      message =
        skipped.fieldCount === null
          ? `This row does not have the ${headerLength} fields the header row has`
          : `This row has ${skipped.fieldCount} fields but the header row has ${headerLength}`;
      break;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      message = 'A quoted value in this row is followed by other text before the next comma (a stray ")';
      break;
    case "CSV_QUOTE_NOT_CLOSED":
      message = 'A quoted value in this row is never closed (a " is missing)';
      break;
    case "CSV_MAX_RECORD_SIZE":
      message = 'This row is far too long to be a school (a " is probably missing)';
      break;
    default:
      message = `This row is not valid CSV: ${skipped.message}`;
  }
  return { ok: false, row: skipped.line, errors: [{ row: skipped.line, column: "", message }] };
};

/**
 * Line breaks inside a record's values, as csv-parse counts them (every CR and every LF, so a
 * CRLF inside a quoted value counts twice) and the CRLF pairs among them (each one line too many).
 */
const lineBreaksIn = (fields: readonly string[]): { counted: number; crlf: number } => {
  let counted = 0;
  let crlf = 0;
  for (const field of fields) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 0x0a) counted++;
      else if (c === 0x0d) {
        counted++;
        if (field.charCodeAt(i + 1) === 0x0a) crlf++;
      }
    }
  }
  return { counted, crlf };
};

const isBlank = (fields: readonly string[]): boolean => fields.every((f) => f.trim() === "");

// ---------------------------------------------------------------------------------------------

/**
 * Reads a GIAS establishment extract as a stream, one result per data row, never holding the
 * whole file: the start is sniffed (binary → GiasFileError "This is not a CSV file…"), the bytes
 * are parsed by csv-parse as quoted CSV, in UTF-8 if the file starts with a byte order mark and
 * Windows-1252 otherwise (what GIAS publishes), and columns are mapped by header name.
 *
 * Throws GiasFileError for file-level problems: empty file, no header row, no URN column (or
 * another column every extract has), not CSV. A row with the wrong number of fields, a broken
 * quote or invalid values is yielded as `{ ok: false, errors }` and reading goes on.
 * Duplicate URNs are left to the caller.
 */
export async function* readGiasExtract(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  opts: ReadGiasOptions = {},
): AsyncGenerator<GiasRowResult> {
  const chunks = checkedChunks(input as AsyncIterable<Buffer | string>, opts.onProgress);

  // Sniff the first few KiB before choosing how to parse (a GiasFileError here ends everything).
  let first: Buffer;
  let encoding: "utf8" | "win1252";
  try {
    const head: Buffer[] = [];
    let headLength = 0;
    while (headLength < SNIFF_BYTES) {
      const next = await chunks.next();
      if (next.done) break;
      head.push(next.value);
      headLength += next.value.length;
    }
    first = Buffer.concat(head, headLength);
    encoding = sniff(first);
  } catch (err) {
    await chunks.return(undefined); // closes the input
    throw err;
  }
  const decode = encoding === "utf8" ? unchanged : fromLatin1ToWin1252;

  /** The line each parsed record starts on, in the order csv-parse emits the records. */
  const recordLines: number[] = [];
  /** Rows csv-parse could not parse, in file order; reported in line order among the records. */
  const skipped: SkippedRow[] = [];
  /** The line csv-parse said the previous record ended on. */
  let previousEnd = 0;
  /** How far csv-parse's line count has run ahead of the file's (one per CRLF inside a value). */
  let drift = 0;

  const parser = parse({
    encoding: encoding === "utf8" ? "utf8" : "latin1",
    bom: false, // dropped below
    relax_column_count: false, // a row with the wrong number of fields is an error…
    skip_records_with_error: true, // …reported through on_skip, and parsing goes on
    skip_empty_lines: true,
    max_record_size: 1_000_000,
    on_record: (fields: string[], context) => {
      // `lines` is the line the record ends on: it starts earlier only if a value spans lines.
      const end = context.lines;
      if (end - previousEnd > 1) {
        const breaks = lineBreaksIn(fields);
        recordLines.push(end - drift - breaks.counted);
        drift += breaks.crlf;
      } else {
        recordLines.push(end - drift);
      }
      previousEnd = end;
      return fields;
    },
    on_skip: (err) => {
      if (err) skipped.push(toSkippedRow(err, drift));
      return undefined;
    },
  });

  let sourceError: unknown = null;
  const source = Readable.from(
    (async function* () {
      try {
        const start = encoding === "utf8" ? first.subarray(UTF8_BOM.length) : first;
        if (start.length > 0) yield start;
        yield* chunks;
      } catch (err) {
        sourceError = err;
        throw err;
      }
    })(),
    { objectMode: false },
  );
  // Errors surface through the parser's iterator below; this promise only must not go unhandled.
  const pumped = pipeline(source, parser).catch(() => undefined);

  let header: ColumnPositions | null = null;
  let headerLength = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const row = recordLines.shift() ?? 0;
      if (header === null) {
        const broken = skipped[0];
        if (broken !== undefined && broken.line < row) {
          throw new GiasFileError(
            "no_header",
            `The header row (line ${broken.line}) could not be read as CSV: ${broken.message}`,
          );
        }
        header = readHeader(fields.map(decode));
        headerLength = fields.length;
        continue;
      }
      while (skipped.length > 0 && (skipped[0]?.line ?? 0) < row) {
        const next = skipped.shift();
        if (next) yield skippedRowError(next, headerLength);
      }
      if (isBlank(fields)) continue;
      const result = toRecord(fields, header, row, decode);
      if ("record" in result) yield { ok: true, row, record: result.record };
      else if (result.laCode === null) yield { ok: false, row, errors: result.errors };
      else yield { ok: false, row, errors: result.errors, laCode: result.laCode };
    }
  } catch (err) {
    if (sourceError !== null) throw sourceError;
    if (err instanceof CsvError) {
      throw new GiasFileError("unreadable", `The file could not be read as CSV: ${err.message}`);
    }
    throw err;
  } finally {
    // Stop reading if the caller stopped early (or anything failed): closes the input too.
    parser.destroy();
    await pumped;
  }

  if (header === null) {
    const broken = skipped[0];
    throw new GiasFileError(
      "no_header",
      broken === undefined
        ? "The file has no header row: it holds nothing but blank lines. A GIAS extract starts with a row of column names."
        : `The header row (line ${broken.line}) could not be read as CSV: ${broken.message}`,
    );
  }
  for (const next of skipped) yield skippedRowError(next, headerLength);
}

// ---------------------------------------------------------------------------------------------

/** Every field of GiasSchoolRecord, in the fixed order the hash reads them. */
const RECORD_FIELDS = [
  "urn",
  "laCode",
  "laName",
  "establishmentNumber",
  "laestab",
  "name",
  "typeName",
  "typeGroup",
  "phase",
  "status",
  "giasStatus",
  "openDate",
  "closeDate",
  "statutoryLowAge",
  "statutoryHighAge",
  "sixthForm",
  "pupils",
  "percentFsm",
  "trust",
  "street",
  "locality",
  "address3",
  "town",
  "county",
  "postcode",
  "website",
  "phone",
  "headTitle",
  "headFirstName",
  "headLastName",
  "headJobTitle",
  "district",
  "constituency",
  "urbanRural",
  "easting",
  "northing",
  "ofstedRating",
  "ofstedDate",
  "senProvision",
] as const satisfies readonly (keyof GiasSchoolRecord)[];

// Fails to compile if a field is added to GiasSchoolRecord but not to RECORD_FIELDS.
const everyFieldHashed: Exclude<keyof GiasSchoolRecord, (typeof RECORD_FIELDS)[number]> extends never
  ? true
  : false = true;
void everyFieldHashed;

/**
 * A stable SHA-1 (hex) of a record's register fields, to tell on re-import that a school has not
 * changed. Independent of key order; changes whenever any field's value does.
 */
export const giasRecordHash = (r: GiasSchoolRecord): string =>
  createHash("sha1")
    .update(JSON.stringify(RECORD_FIELDS.map((field) => r[field])))
    .digest("hex");
