import { isUtf8 } from "node:buffer";
import { hash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
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

export type GiasFileErrorReason =
  | "empty"
  | "not_csv"
  | "no_header"
  | "no_schools"
  | "missing_columns"
  | "unreadable";

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
/** Any character beyond ASCII: most values have none, and need neither test below. */
const NOT_ASCII = /[\u0080-\uffff]/;
const fromLatin1ToWin1252 = (value: string): string => {
  if (!NOT_ASCII.test(value)) return value;
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

/** Each column key by its header name, to report a row's errors in the order of the file's columns. */
const COLUMN_KEY_BY_NAME = new Map<string, GiasColumnKey>(
  (Object.keys(GIAS_COLUMNS) as GiasColumnKey[]).map((key) => [GIAS_COLUMNS[key], key]),
);

/** normalisePhase's answers are remembered per (phase, type, group): a file holds a few hundred. */
const MAX_REMEMBERED_PHASES = 4096;

/**
 * Turns one row's fields into a record or its errors. One per file (the column positions and the
 * decoding stay the same), with no closures made per row: the hot path of a 50,000-row extract.
 */
class RowReader {
  private readonly at: ColumnPositions;
  private readonly decode: (value: string) => string;
  private readonly phases = new Map<string, Phase>();
  private fields: readonly string[] = [];
  private row = 0;
  private errors: GiasRowError[] | null = null;

  constructor(at: ColumnPositions, decode: (value: string) => string) {
    this.at = at;
    this.decode = decode;
  }

  private fail(key: GiasColumnKey, message: string): null {
    const error = { row: this.row, column: GIAS_COLUMNS[key], message };
    if (this.errors === null) this.errors = [error];
    else this.errors.push(error);
    return null;
  }

  private textAt(i: number): string | null {
    if (i < 0) return null;
    const value = this.fields[i]?.trim();
    return value === undefined || value === "" ? null : this.decode(value);
  }

  private text(key: GiasColumnKey): string | null {
    return this.textAt(this.at[key]);
  }

  private wholeNumber(key: GiasColumnKey): number | null {
    const value = this.text(key);
    if (value === null) return null;
    if (!WHOLE_NUMBER.test(value)) {
      return this.fail(key, `${GIAS_COLUMNS[key]} "${value}" is not a whole number`);
    }
    return Number(value);
  }

  private date(key: GiasColumnKey): string | null {
    const value = this.text(key);
    if (value === null) return null;
    const dmy = DMY_DATE.exec(value);
    const iso = dmy === null ? ISO_DATE.exec(value) : null;
    const result =
      dmy !== null
        ? isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
        : iso !== null
          ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
          : null;
    return result ?? this.fail(key, `${GIAS_COLUMNS[key]} "${value}" is not a date in the form dd-mm-yyyy`);
  }

  private percentage(key: GiasColumnKey): number | null {
    const value = this.text(key);
    if (value === null) return null;
    if (!DECIMAL.test(value)) return this.fail(key, `${GIAS_COLUMNS[key]} "${value}" is not a number`);
    const n = Number(value);
    if (n > 100) return this.fail(key, `${GIAS_COLUMNS[key]} ${value} is over 100`);
    if (n < 0) return this.fail(key, `${GIAS_COLUMNS[key]} ${value} is below 0`);
    return n;
  }

  private phase(phaseName: string, typeName: string, typeGroup: string): Phase {
    // NUL never occurs in the text (checkedChunks and sniff refuse it), so the key is unambiguous.
    const key = `${phaseName}\u0000${typeName}\u0000${typeGroup}`;
    let phase = this.phases.get(key);
    if (phase === undefined) {
      phase = normalisePhase(phaseName, typeName, typeGroup);
      if (this.phases.size < MAX_REMEMBERED_PHASES) this.phases.set(key, phase);
    }
    return phase;
  }

  /** The result of one data row (not blank, with as many fields as the header). */
  read(fields: readonly string[], row: number): GiasRowResult {
    this.fields = fields;
    this.row = row;
    this.errors = null;

    const urnText = this.text("urn");
    let urn: number | null = null;
    if (urnText === null) this.fail("urn", "URN is empty");
    else if (!URN_PATTERN.test(urnText)) this.fail("urn", `URN "${urnText}" is not 6 digits`);
    else urn = Number(urnText);

    const laCode = this.text("laCode") ?? this.fail("laCode", `${GIAS_COLUMNS.laCode} is empty`);
    const name = this.text("name") ?? this.fail("name", `${GIAS_COLUMNS.name} is empty`);

    const giasStatus = this.text("giasStatus");
    let status: SchoolStatus | null = null;
    if (giasStatus === null) this.fail("giasStatus", `${GIAS_COLUMNS.giasStatus} is empty`);
    else {
      status = STATUS_BY_KEY.get(giasStatus.replace(/\s+/g, " ").toLowerCase()) ?? null;
      if (status === null) {
        this.fail("giasStatus", `${GIAS_COLUMNS.giasStatus} "${giasStatus}" is not one of ${STATUS_NAMES}`);
      }
    }

    const establishmentNumber = this.text("establishmentNumber");
    const typeName = this.text("typeName");
    const typeGroup = this.text("typeGroup");
    const openDate = this.date("openDate");
    const closeDate = this.date("closeDate");
    const statutoryLowAge = this.wholeNumber("statutoryLowAge");
    const statutoryHighAge = this.wholeNumber("statutoryHighAge");
    const pupils = this.wholeNumber("pupils");
    const percentFsm = this.percentage("percentFsm");
    const easting = this.wholeNumber("easting");
    const northing = this.wholeNumber("northing");
    const ofstedDate = this.date("ofstedDate");

    const senProvision: string[] = [];
    for (const i of this.at.sen) {
      const value = this.textAt(i);
      if (value !== null) senProvision.push(value);
    }

    const errors = this.errors;
    if (errors !== null || urn === null || laCode === null || name === null || status === null) {
      const list = errors ?? [];
      if (list.length > 1) {
        // Report in the order the columns appear in the file.
        const position = (e: GiasRowError): number => {
          const key = COLUMN_KEY_BY_NAME.get(e.column);
          return key === undefined ? -1 : this.at[key];
        };
        list.sort((a, b) => position(a) - position(b));
      }
      return laCode === null ? { ok: false, row, errors: list } : { ok: false, row, errors: list, laCode };
    }

    return {
      ok: true,
      row,
      record: {
        urn,
        laCode,
        laName: this.text("laName"),
        establishmentNumber,
        laestab: establishmentNumber === null ? null : `${laCode}${establishmentNumber}`,
        name,
        typeName,
        typeGroup,
        phase: this.phase(this.text("phaseName") ?? "", typeName ?? "", typeGroup ?? ""),
        status,
        giasStatus,
        openDate,
        closeDate,
        statutoryLowAge,
        statutoryHighAge,
        sixthForm: this.text("sixthForm"),
        pupils,
        percentFsm,
        trust: this.text("trust"),
        street: this.text("street"),
        locality: this.text("locality"),
        address3: this.text("address3"),
        town: this.text("town"),
        county: this.text("county"),
        postcode: this.text("postcode"),
        website: this.text("website"),
        phone: this.text("phone"),
        headTitle: this.text("headTitle"),
        headFirstName: this.text("headFirstName"),
        headLastName: this.text("headLastName"),
        headJobTitle: this.text("headJobTitle"),
        district: this.text("district"),
        constituency: this.text("constituency"),
        urbanRural: this.text("urbanRural"),
        easting,
        northing,
        ofstedRating: this.text("ofstedRating"),
        ofstedDate,
        senProvision,
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Text → records: a quoted-CSV scanner made for this reader (csv-parse took ~75% of a parse).
// RFC 4180: fields separated by commas, a field in double quotes may hold commas, line breaks
// and doubled quotes (""); records end at CRLF, LF or a lone CR; empty lines are skipped.

type CsvProblem = "fields" | "closing_quote" | "opening_quote" | "not_closed" | "too_long";

/** What the scanner found, in file order: a record, or a row it could not read (and skipped). */
type CsvItem =
  | { line: number; fields: string[]; problem?: undefined }
  | { line: number; fields?: undefined; problem: Exclude<CsvProblem, "fields"> };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** A record longer than this (characters) is a broken quote swallowing the file, not a school. */
const MAX_RECORD_CHARS = 1_000_000;
/** Text is handed to the scanner in pieces of at least this many characters (fewer re-scans). */
const SCAN_AT_LEAST = 64 * 1024;

/** Line breaks in a value as the file counts them: LF, CRLF and a lone CR are one line each. */
const lineBreaks = (value: string): number => {
  let n = 0;
  for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) n++;
  for (let i = value.indexOf("\r"); i !== -1; i = value.indexOf("\r", i + 1)) {
    if (value.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
};

/**
 * Scans text fed in pieces (`push`), keeping the unfinished record for the next piece; each
 * record or unreadable row comes out with the line it starts on (1-based, the header is line 1).
 * A row it cannot read is skipped from its start to the end of that line, and scanning goes on.
 */
class CsvScanner {
  private rest = "";
  /** The line `rest` starts on. */
  private line = 1;

  push(text: string, final: boolean, out: CsvItem[]): void {
    const s = this.rest.length === 0 ? text : this.rest + text;
    const end = s.length;
    let pos = 0;
    let line = this.line;
    records: while (pos < end) {
      const first = s.charCodeAt(pos);
      if (first === LF || first === CR) {
        // An empty line.
        pos += first === CR && s.charCodeAt(pos + 1) === LF ? 2 : 1;
        if (first === CR && pos === end && !final) {
          pos--; // a CR at the end of the text: its LF may be in the next piece
          break;
        }
        line++;
        continue;
      }
      const start = pos;
      const fields: string[] = [];
      let breaks = 0;
      let problem: CsvItem["problem"];
      for (;;) {
        let value: string;
        if (s.charCodeAt(pos) === QUOTE) {
          let from = pos + 1;
          let parts: string | null = null;
          let close: number;
          for (;;) {
            close = s.indexOf('"', from);
            if (close === -1 || close + 1 === end) {
              if (!final) {
                pos = start;
                break records; // wait for more text
              }
              if (close === -1) {
                problem = "not_closed";
                break;
              }
            }
            if (s.charCodeAt(close + 1) !== QUOTE) break;
            parts = (parts ?? "") + s.slice(from, close + 1);
            from = close + 2;
          }
          if (problem !== undefined) break;
          value = parts === null ? s.slice(from, close) : parts + s.slice(from, close);
          pos = close + 1;
          const next = s.charCodeAt(pos);
          if (pos < end && next !== COMMA && next !== LF && next !== CR) {
            problem = "closing_quote";
            break;
          }
          if (value.length > 0 && (value.includes("\n") || value.includes("\r"))) {
            breaks += lineBreaks(value);
          }
        } else {
          let i = pos;
          let c = s.charCodeAt(i);
          while (i < end && c !== COMMA && c !== LF && c !== CR) {
            if (c === QUOTE) break;
            c = s.charCodeAt(++i);
          }
          if (i < end && c === QUOTE) {
            problem = "opening_quote";
            break;
          }
          if (i === end && !final) {
            pos = start;
            break records;
          }
          value = s.slice(pos, i);
          pos = i;
        }
        fields.push(value);
        const c = s.charCodeAt(pos);
        if (c === COMMA) {
          pos++;
          if (pos === end && !final) {
            pos = start;
            break records;
          }
          continue;
        }
        if (pos === end) break; // the last record, without a line break
        if (c === CR && pos + 1 === end && !final) {
          pos = start; // CR here, LF maybe in the next piece
          break records;
        }
        pos += c === CR && s.charCodeAt(pos + 1) === LF ? 2 : 1;
        break;
      }
      if (problem === undefined && pos - start > MAX_RECORD_CHARS) problem = "too_long";
      if (problem === undefined) {
        out.push({ line, fields });
        line += breaks + 1;
        continue;
      }
      // Skip the row: from where it starts to the end of that line (for a quote that is never
      // closed or a record far too long, to the end of its first line: what follows is read again).
      const from = problem === "not_closed" || problem === "too_long" ? start : pos;
      let lf = s.indexOf("\n", from);
      let cr = s.indexOf("\r", from);
      if (lf === -1) lf = end;
      if (cr === -1) cr = end;
      let stop = Math.min(lf, cr);
      if (!final && (stop === end || (stop + 1 === end && s.charCodeAt(stop) === CR))) {
        pos = start; // the rest of the row is not here yet: read it again with the next piece
        break;
      }
      out.push({ line, problem });
      if (problem === "closing_quote" || problem === "opening_quote") {
        line += lineBreaks(s.slice(start, from)); // the values before the problem may span lines
      }
      if (stop === end) {
        pos = end;
        break;
      }
      stop += s.charCodeAt(stop) === CR && s.charCodeAt(stop + 1) === LF ? 2 : 1;
      pos = stop;
      line++;
    }
    if (!final && end - pos > MAX_RECORD_CHARS) {
      // An unfinished record already far too long: skip its first line and go on from there.
      out.push({ line, problem: "too_long" });
      this.rest = "";
      this.line = line;
      const lf = s.indexOf("\n", pos);
      const cr = s.indexOf("\r", pos);
      const stop = Math.min(lf === -1 ? end : lf, cr === -1 ? end : cr);
      const after = stop + (s.charCodeAt(stop) === CR && s.charCodeAt(stop + 1) === LF ? 2 : 1);
      this.line = line + 1;
      this.push(s.slice(Math.min(after, end)), false, out);
      return;
    }
    this.rest = pos === 0 ? s : s.slice(pos);
    this.line = line;
  }
}

const PROBLEM_MESSAGES: Record<Exclude<CsvProblem, "fields">, string> = {
  closing_quote: 'A quoted value in this row is followed by other text before the next comma (a stray ")',
  opening_quote: 'A value in this row has a " in it but does not start with one (a stray ")',
  not_closed: 'A quoted value in this row is never closed (a " is missing)',
  too_long: 'This row is far too long to be a school (a " is probably missing)',
};

const rowError = (row: number, message: string): GiasRowResult => ({
  ok: false,
  row,
  errors: [{ row, column: "", message }],
});

const isBlank = (fields: readonly string[]): boolean => fields.every((f) => f.trim() === "");

// ---------------------------------------------------------------------------------------------

/**
 * Reads a GIAS establishment extract as a stream, one result per data row, never holding the
 * whole file: the start is sniffed (binary → GiasFileError "This is not a CSV file…"), the bytes
 * are read as quoted CSV, in UTF-8 if the file starts with a byte order mark and Windows-1252
 * otherwise (what GIAS publishes), and columns are mapped by header name.
 *
 * Throws GiasFileError for file-level problems: empty file, no header row, a header and no rows
 * ("the file has no schools"), no URN column (or
 * another column every extract has), not CSV. A row with the wrong number of fields, a broken
 * quote or invalid values is yielded as `{ ok: false, errors }` and reading goes on.
 * Duplicate URNs are left to the caller.
 */
export async function* readGiasExtract(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  opts: ReadGiasOptions = {},
): AsyncGenerator<GiasRowResult> {
  for await (const results of readGiasExtractInBatches(input, opts)) yield* results;
}

/**
 * readGiasExtract's results, the rows of each piece of text scanned (about 64 KiB) at a time: the
 * same results in the same order, the same errors, for a caller that would rather not await each
 * row (the import). Never yields an empty batch.
 */
export async function* readGiasExtractInBatches(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  opts: ReadGiasOptions = {},
): AsyncGenerator<GiasRowResult[]> {
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
  // Windows-1252 is read as Latin-1 (a byte is a character; see fromLatin1ToWin1252). UTF-8 goes
  // through a StringDecoder, which keeps a character split between chunks for the next one.
  const utf8 = encoding === "utf8" ? new StringDecoder("utf8") : null;
  const toText = (bytes: Buffer): string => (utf8 ? utf8.write(bytes) : bytes.toString("latin1"));

  const scanner = new CsvScanner();
  const items: CsvItem[] = [];
  let reader: RowReader | null = null;
  let headerLength = 0;
  /** Data rows read (good or bad; blank lines are not rows). */
  let dataRows = 0;

  /** The results for the items scanned so far (the header is taken from the first record). */
  const results = (): GiasRowResult[] => {
    const out: GiasRowResult[] = [];
    for (const item of items) {
      if (reader === null) {
        if (item.fields === undefined) {
          throw new GiasFileError(
            "no_header",
            `The header row (line ${item.line}) could not be read as CSV: ${PROBLEM_MESSAGES[item.problem]}`,
          );
        }
        reader = new RowReader(readHeader(item.fields.map(decode)), decode);
        headerLength = item.fields.length;
        continue;
      }
      const row = item.line;
      if (item.fields === undefined) {
        out.push(rowError(row, PROBLEM_MESSAGES[item.problem]));
        continue;
      }
      const fields = item.fields;
      if (fields.length !== headerLength) {
        if (isBlank(fields)) continue;
        out.push(
          rowError(row, `This row has ${fields.length} fields but the header row has ${headerLength}`),
        );
        continue;
      }
      if (isBlank(fields)) continue;
      out.push(reader.read(fields, row));
    }
    items.length = 0;
    dataRows += out.length;
    return out;
  };

  let text = toText(encoding === "utf8" ? first.subarray(UTF8_BOM.length) : first);
  for await (const chunk of chunks) {
    text += toText(chunk);
    if (text.length < SCAN_AT_LEAST) continue;
    scanner.push(text, false, items);
    text = "";
    const out = results();
    if (out.length > 0) yield out;
  }
  if (utf8) text += utf8.end();
  scanner.push(text, true, items);
  const out = results();
  if (out.length > 0) yield out;

  if (reader === null) {
    throw new GiasFileError(
      "no_header",
      "The file has no header row: it holds nothing but blank lines. A GIAS extract starts with a row of column names.",
    );
  }
  if (dataRows === 0) {
    throw new GiasFileError(
      "no_schools",
      "The file has no schools: it has a header row but no rows under it. Nothing was changed.",
    );
  }
}
// ---------------------------------------------------------------------------------------------

/** Every field of GiasSchoolRecord, in the fixed order the hash reads them. */
export const RECORD_FIELDS = [
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

/** A record's values in RECORD_FIELDS order. */
export type GiasRecordValues = ValuesOf<typeof RECORD_FIELDS>;
type ValuesOf<Fields extends readonly (keyof GiasSchoolRecord)[]> = {
  readonly [I in keyof Fields]: GiasSchoolRecord[Fields[I]];
};

/**
 * A record's values in RECORD_FIELDS order (the unit tests hold the two lists together). Spelled
 * out: `RECORD_FIELDS.map((f) => r[f])` looks up 39 different property names at one place, which
 * costs several times as much per row.
 */
export const giasRecordValues = (r: GiasSchoolRecord): GiasRecordValues => [
  r.urn,
  r.laCode,
  r.laName,
  r.establishmentNumber,
  r.laestab,
  r.name,
  r.typeName,
  r.typeGroup,
  r.phase,
  r.status,
  r.giasStatus,
  r.openDate,
  r.closeDate,
  r.statutoryLowAge,
  r.statutoryHighAge,
  r.sixthForm,
  r.pupils,
  r.percentFsm,
  r.trust,
  r.street,
  r.locality,
  r.address3,
  r.town,
  r.county,
  r.postcode,
  r.website,
  r.phone,
  r.headTitle,
  r.headFirstName,
  r.headLastName,
  r.headJobTitle,
  r.district,
  r.constituency,
  r.urbanRural,
  r.easting,
  r.northing,
  r.ofstedRating,
  r.ofstedDate,
  r.senProvision,
];

/**
 * A stable SHA-1 (hex) of a record's register fields, to tell on re-import that a school has not
 * changed. Independent of key order; changes whenever any field's value does.
 */
export const giasRecordHash = (r: GiasSchoolRecord): string => giasValuesHash(giasRecordValues(r));

/** giasRecordHash of the record these are the values of. */
export const giasValuesHash = (values: GiasRecordValues): string =>
  // crypto.hash: the same digest as createHash().update().digest(), without a Hash object per row.
  hash("sha1", JSON.stringify(values), "hex");
