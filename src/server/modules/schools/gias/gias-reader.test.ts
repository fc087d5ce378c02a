import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { emptyGenerationStats, generateGiasChunks } from "../../../../../bench/generate-gias.ts";
import { GIAS_COLUMNS_2023 } from "./gias-columns.ts";
import { buildGiasCsv, GIAS_COLUMNS_2018, giasChunks } from "./gias-fixtures.ts";
import {
  GiasFileError,
  type GiasRowResult,
  type GiasSchoolRecord,
  giasRecordHash,
  giasRecordValues,
  RECORD_FIELDS,
  readGiasExtract,
  readGiasExtractInBatches,
} from "./gias-reader.ts";

const readAll = async (
  input: Buffer | AsyncIterable<Buffer>,
  opts?: Parameters<typeof readGiasExtract>[1],
): Promise<GiasRowResult[]> => {
  const results: GiasRowResult[] = [];
  for await (const result of readGiasExtract(Buffer.isBuffer(input) ? giasChunks(input, 512) : input, opts)) {
    results.push(result);
  }
  return results;
};

const records = (results: GiasRowResult[]): GiasSchoolRecord[] =>
  results.flatMap((r) => (r.ok ? [r.record] : []));

const onlyRecord = async (bytes: Buffer): Promise<GiasSchoolRecord> => {
  const results = await readAll(bytes);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result?.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result)}`);
  return result.record;
};

const errorsOf = async (bytes: Buffer): Promise<{ row: number; column: string; message: string }[]> =>
  (await readAll(bytes)).flatMap((r) => (r.ok ? [] : r.errors));

const fileError = async (input: Buffer | AsyncIterable<Buffer>): Promise<GiasFileError> => {
  try {
    await readAll(input);
  } catch (err) {
    if (err instanceof GiasFileError) return err;
    throw err;
  }
  throw new Error("expected a GiasFileError");
};

/** A full row as GIAS writes it (fictional school). */
const FULL_ROW: Record<string, string> = {
  URN: "136512",
  "LA (code)": "207",
  "LA (name)": "Ashbourne Vale",
  EstablishmentNumber: "2345",
  EstablishmentName: "Larkrise Meadow Primary School",
  "TypeOfEstablishment (code)": "34",
  "TypeOfEstablishment (name)": "Academy converter",
  "EstablishmentTypeGroup (code)": "10",
  "EstablishmentTypeGroup (name)": "Academies",
  "EstablishmentStatus (code)": "1",
  "EstablishmentStatus (name)": "Open",
  OpenDate: "01-09-2012",
  CloseDate: "",
  "PhaseOfEducation (code)": "2",
  "PhaseOfEducation (name)": "Primary",
  StatutoryLowAge: "3",
  StatutoryHighAge: "11",
  "OfficialSixthForm (name)": "Does not have a sixth form",
  NumberOfPupils: "412",
  PercentageFSM: "17.3",
  "Trusts (name)": "THE LARKRISE LEARNING TRUST",
  Street: "14 Meadow Lane",
  Locality: "Brookside",
  Address3: "",
  Town: "Ashford Green",
  "County (name)": "Fenshire",
  Postcode: "ZZ1 2AB",
  SchoolWebsite: "www.larkrise-meadow.example.sch.uk",
  TelephoneNum: "01632 960123",
  "HeadTitle (name)": "Ms",
  HeadFirstName: "Tara",
  HeadLastName: "Brindlecombe",
  HeadPreferredJobTitle: "Headteacher",
  "DistrictAdministrative (name)": "Ashbourne Vale",
  "ParliamentaryConstituency (name)": "Ashford Green and Fenley",
  "UrbanRural (name)": "(England/Wales) Urban city and town",
  Easting: "531234",
  Northing: "181234",
  "OfstedRating (name)": "Good",
  OfstedLastInsp: "07-03-2019",
  "SEN1 (name)": "ASD - Autistic Spectrum Disorder",
  "SEN2 (name)": "",
  "SEN3 (name)": "SLCN - Speech, language and Communication",
};

const FULL_RECORD: GiasSchoolRecord = {
  urn: 136512,
  laCode: "207",
  laName: "Ashbourne Vale",
  establishmentNumber: "2345",
  laestab: "2072345",
  name: "Larkrise Meadow Primary School",
  typeName: "Academy converter",
  typeGroup: "Academies",
  phase: "primary",
  status: "open",
  giasStatus: "Open",
  openDate: "2012-09-01",
  closeDate: null,
  statutoryLowAge: 3,
  statutoryHighAge: 11,
  sixthForm: "Does not have a sixth form",
  pupils: 412,
  percentFsm: 17.3,
  trust: "THE LARKRISE LEARNING TRUST",
  street: "14 Meadow Lane",
  locality: "Brookside",
  address3: null,
  town: "Ashford Green",
  county: "Fenshire",
  postcode: "ZZ1 2AB",
  website: "www.larkrise-meadow.example.sch.uk",
  phone: "01632 960123",
  headTitle: "Ms",
  headFirstName: "Tara",
  headLastName: "Brindlecombe",
  headJobTitle: "Headteacher",
  district: "Ashbourne Vale",
  constituency: "Ashford Green and Fenley",
  urbanRural: "(England/Wales) Urban city and town",
  easting: 531234,
  northing: 181234,
  ofstedRating: "Good",
  ofstedDate: "2019-03-07",
  senProvision: ["ASD - Autistic Spectrum Disorder", "SLCN - Speech, language and Communication"],
};

describe("readGiasExtract: mapping", () => {
  it("maps a full 2023 row to a GiasSchoolRecord", async () => {
    expect(await onlyRecord(buildGiasCsv([FULL_ROW]))).toEqual(FULL_RECORD);
  });

  it("maps the same row identically with the columns in another order", async () => {
    const reversed = [...GIAS_COLUMNS_2023].reverse();
    expect(await onlyRecord(buildGiasCsv([FULL_ROW], { columns: reversed }))).toEqual(FULL_RECORD);
  });

  it("maps an older (2018-style) column set the same way", async () => {
    expect(GIAS_COLUMNS_2018).toContain("CensusAreaStatisticWard (name)");
    expect(GIAS_COLUMNS_2018).toContain("Inspectorate (name)");
    expect(GIAS_COLUMNS_2018).not.toContain("QABName (code)");
    const row = {
      ...FULL_ROW,
      "CensusAreaStatisticWard (name)": "Fenley Park",
      "Inspectorate (name)": "Ofsted",
    };
    expect(await onlyRecord(buildGiasCsv([row], { columns: GIAS_COLUMNS_2018 }))).toEqual(FULL_RECORD);
  });

  it("reads a minimal file with only the columns every extract has, the rest null", async () => {
    const columns = ["EstablishmentName", "URN", "EstablishmentStatus (name)", "LA (code)", "Unknown column"];
    const record = await onlyRecord(
      buildGiasCsv([{ URN: "100001", "LA (code)": "201", "Unknown column": "whatever" }], { columns }),
    );
    expect(record).toMatchObject({
      urn: 100001,
      laCode: "201",
      name: "Fictional School 1",
      status: "open",
      phase: "not_applicable",
      laestab: null,
      pupils: null,
      senProvision: [],
    });
  });

  it("reads empty strings as null and trims values", async () => {
    const record = await onlyRecord(
      buildGiasCsv([
        { ...FULL_ROW, EstablishmentName: "  Oakwood Infant School ", NumberOfPupils: "", Town: " " },
      ]),
    );
    expect(record.name).toBe("Oakwood Infant School");
    expect(record.pupils).toBeNull();
    expect(record.town).toBeNull();
  });

  it.each([
    ["Open", "open"],
    ["Open, but proposed to close", "open"],
    ["Closed", "closed"],
    ["Proposed to open", "proposed"],
  ] as const)("maps status %s to %s and keeps the GIAS wording", async (giasStatus, status) => {
    const record = await onlyRecord(
      buildGiasCsv([{ ...FULL_ROW, "EstablishmentStatus (name)": giasStatus }]),
    );
    expect(record.status).toBe(status);
    expect(record.giasStatus).toBe(giasStatus);
  });

  it("derives special and alternative provision phases from the establishment type", async () => {
    const rows = [
      {
        "TypeOfEstablishment (name)": "Community special school",
        "EstablishmentTypeGroup (name)": "Special schools",
        "PhaseOfEducation (name)": "Not applicable",
      },
      { "TypeOfEstablishment (name)": "Pupil referral unit", "PhaseOfEducation (name)": "Not applicable" },
      { "PhaseOfEducation (name)": "All through" },
    ];
    expect(records(await readAll(buildGiasCsv(rows))).map((r) => r.phase)).toEqual([
      "special",
      "alternative_provision",
      "all_through",
    ]);
  });

  it("accepts dd/mm/yyyy dates (a file re-saved by Excel)", async () => {
    const record = await onlyRecord(
      buildGiasCsv([{ ...FULL_ROW, OpenDate: "1/9/2012", CloseDate: "31/08/2024" }]),
    );
    expect(record.openDate).toBe("2012-09-01");
    expect(record.closeDate).toBe("2024-08-31");
  });
});

describe("readGiasExtract: encodings", () => {
  const names = {
    EstablishmentName: "École FIERTÉ Academy",
    Town: "Saint-Étienne-sur-Fen",
    Street: "St Mary’s Close",
    Locality: "Œuvre Yard – “the Old School” (£1 € site)",
  };

  it("decodes Windows-1252 (GIAS's encoding), including the characters it does not share with Latin-1", async () => {
    const bytes = buildGiasCsv([{ ...FULL_ROW, ...names }]);
    expect(bytes.includes(Buffer.from([0xc9]))).toBe(true); // É as one Windows-1252 byte
    expect(bytes.includes(Buffer.from([0x92]))).toBe(true); // ’ in the 0x80–0x9F range
    const record = await onlyRecord(bytes);
    expect(record.name).toBe("École FIERTÉ Academy");
    expect(record.town).toBe("Saint-Étienne-sur-Fen");
    expect(record.street).toBe("St Mary’s Close");
    expect(record.locality).toBe("Œuvre Yard – “the Old School” (£1 € site)");
  });

  it("reads UTF-8 with a byte order mark", async () => {
    const bytes = buildGiasCsv([{ ...FULL_ROW, ...names }], { encoding: "utf8bom" });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const record = await onlyRecord(bytes);
    expect(record.urn).toBe(136512); // the BOM did not stick to the URN header
    expect(record.name).toBe("École FIERTÉ Academy");
    expect(record.town).toBe("Saint-Étienne-sur-Fen");
    expect(record.locality).toBe("Œuvre Yard – “the Old School” (£1 € site)");
  });

  it("reads UTF-8 even when a multi-byte character is split between chunks", async () => {
    const bytes = buildGiasCsv([{ ...FULL_ROW, ...names }], { encoding: "utf8bom" });
    const results = await readAll(giasChunks(bytes, 1));
    expect(records(results)[0]?.name).toBe("École FIERTÉ Academy");
  });

  it("reads a Node readable stream as well as an async iterable", async () => {
    const results = await readAll(Readable.from([buildGiasCsv([FULL_ROW])]));
    expect(records(results)).toEqual([FULL_RECORD]);
  });

  it("refuses a stream that has been given a text encoding", async () => {
    const stream = Readable.from([buildGiasCsv([FULL_ROW])]).setEncoding("utf8");
    await expect(readAll(stream)).rejects.toThrow(TypeError);
  });
});

describe("readGiasExtract: row errors", () => {
  it("rejects a URN that is not 6 digits, giving row and column", async () => {
    expect(await errorsOf(buildGiasCsv([FULL_ROW, { ...FULL_ROW, URN: "12345" }]))).toEqual([
      { row: 3, column: "URN", message: 'URN "12345" is not 6 digits' },
    ]);
  });

  it("rejects an empty URN, LA code, name and status", async () => {
    const errors = await errorsOf(
      buildGiasCsv([{ URN: "", "LA (code)": "", EstablishmentName: "", "EstablishmentStatus (name)": "" }]),
    );
    expect(errors).toEqual([
      { row: 2, column: "URN", message: "URN is empty" },
      { row: 2, column: "LA (code)", message: "LA (code) is empty" },
      { row: 2, column: "EstablishmentName", message: "EstablishmentName is empty" },
      { row: 2, column: "EstablishmentStatus (name)", message: "EstablishmentStatus (name) is empty" },
    ]);
  });

  it("says the LA of a row with errors when its LA (code) is readable, so a caller can skip it", async () => {
    const results = await readAll(
      buildGiasCsv([
        { ...FULL_ROW, URN: "12345" },
        { ...FULL_ROW, URN: "", "LA (code)": "" },
      ]),
    );
    expect(results.map((r) => (r.ok ? "ok" : (r.laCode ?? null)))).toEqual([FULL_ROW["LA (code)"], null]);
    expect(results[1] && "laCode" in results[1]).toBe(false);
  });

  it("rejects a number with text in it", async () => {
    expect(await errorsOf(buildGiasCsv([{ ...FULL_ROW, NumberOfPupils: "12a" }]))).toEqual([
      { row: 2, column: "NumberOfPupils", message: 'NumberOfPupils "12a" is not a whole number' },
    ]);
    expect(
      await errorsOf(buildGiasCsv([{ ...FULL_ROW, Easting: "531234.5", StatutoryLowAge: "three" }])),
    ).toEqual([
      { row: 2, column: "StatutoryLowAge", message: 'StatutoryLowAge "three" is not a whole number' },
      { row: 2, column: "Easting", message: 'Easting "531234.5" is not a whole number' },
    ]);
  });

  it("rejects a percentage over 100 or not a number", async () => {
    expect(await errorsOf(buildGiasCsv([{ ...FULL_ROW, PercentageFSM: "104.5" }]))).toEqual([
      { row: 2, column: "PercentageFSM", message: "PercentageFSM 104.5 is over 100" },
    ]);
    expect(await errorsOf(buildGiasCsv([{ ...FULL_ROW, PercentageFSM: "n/a" }]))).toEqual([
      { row: 2, column: "PercentageFSM", message: 'PercentageFSM "n/a" is not a number' },
    ]);
  });

  it("rejects a date that is not dd-mm-yyyy or does not exist", async () => {
    expect(
      await errorsOf(buildGiasCsv([{ ...FULL_ROW, OpenDate: "31-02-2012", OfstedLastInsp: "2019.03.07" }])),
    ).toEqual([
      { row: 2, column: "OpenDate", message: 'OpenDate "31-02-2012" is not a date in the form dd-mm-yyyy' },
      {
        row: 2,
        column: "OfstedLastInsp",
        message: 'OfstedLastInsp "2019.03.07" is not a date in the form dd-mm-yyyy',
      },
    ]);
  });

  it("rejects an unknown status", async () => {
    const [error] = await errorsOf(buildGiasCsv([{ ...FULL_ROW, "EstablishmentStatus (name)": "Open-ish" }]));
    expect(error?.column).toBe("EstablishmentStatus (name)");
    expect(error?.message).toMatch(/^EstablishmentStatus \(name\) "Open-ish" is not one of "Open"/);
  });

  it("reports a row with the wrong number of fields and goes on reading", async () => {
    const good = buildGiasCsv([{ URN: "100001" }, { URN: "100003" }], {
      columns: ["URN", "LA (code)", "EstablishmentName", "EstablishmentStatus (name)"],
    })
      .toString("latin1")
      .split("\r\n");
    const text = [good[0], good[1], '"100002","201","Short Row School"', good[2], ""].join("\r\n");
    const results = await readAll(Buffer.from(text, "latin1"));
    expect(results.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(results[1]).toEqual({
      ok: false,
      row: 3,
      errors: [{ row: 3, column: "", message: "This row has 3 fields but the header row has 4" }],
    });
  });

  it("reports a broken quote as a row error", async () => {
    const text =
      'URN,LA (code),EstablishmentName,EstablishmentStatus (name)\n100001,"201","Fen "Lane" School","Open"\n100002,"201","Elm School","Open"\n';
    const results = await readAll(Buffer.from(text, "latin1"));
    expect(results[0]).toMatchObject({ ok: false, row: 2, errors: [{ row: 2, column: "" }] });
    expect(results.at(-1)).toMatchObject({ ok: true, row: 3 });
  });

  it("counts rows as file lines: header is row 1, values spanning lines and blank lines count", async () => {
    const text = [
      "URN,LA (code),EstablishmentName,EstablishmentStatus (name),Street",
      '100001,201,Alder School,Open,"1 Mill Road',
      'Upper Floor"',
      "",
      "100002,201,Birch School,Open,",
      "12345,201,Cedar School,Open,",
      "",
    ].join("\r\n");
    const results = await readAll(Buffer.from(text, "latin1"));
    expect(results.map((r) => r.row)).toEqual([2, 5, 6]);
    expect(results[2]).toMatchObject({ ok: false, errors: [{ row: 6, column: "URN" }] });
    expect(records(results)[0]?.street).toBe("1 Mill Road\r\nUpper Floor");
  });

  it("reads the same rows whatever the chunk size, with CRLF, LF or CR line ends and quotes split", async () => {
    const text = [
      "URN,LA (code),EstablishmentName,EstablishmentStatus (name),Street",
      '100001,201,"Alder ""Old"" School",Open,"1 Mill Road\r\nUpper Floor"',
      "100002,201,Birch School,Open,\r100003,201,Cedar School,Open,",
      "",
      '100004,201,"Dale, the School",Open,"a\nb"',
      "100005,201,Elm School,Open,last",
    ].join("\r\n");
    const bytes = Buffer.from(text, "latin1");
    const whole = await readAll(bytes);
    expect(whole.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [4, true],
      [5, true],
      [7, true],
      [9, true],
    ]);
    expect(records(whole).map((r) => r.name)).toEqual([
      'Alder "Old" School',
      "Birch School",
      "Cedar School",
      "Dale, the School",
      "Elm School",
    ]);
    expect(records(whole)[4]?.street).toBe("last");
    for (const size of [1, 2, 3, 7]) expect(await readAll(giasChunks(bytes, size))).toEqual(whole);
  });

  it("reports a quote that is never closed and reads the rows after it", async () => {
    const text = [
      "URN,LA (code),EstablishmentName,EstablishmentStatus (name)",
      '100001,201,"Alder School,Open',
      "100002,201,Birch School,Open",
      "",
    ].join("\r\n");
    const results = await readAll(Buffer.from(text, "latin1"));
    expect(results.map((r) => [r.row, r.ok])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(results[0]).toMatchObject({
      errors: [{ row: 2, column: "", message: expect.stringMatching(/never closed/) }],
    });
  });

  it("skips rows that are entirely empty (Excel leaves them behind)", async () => {
    const text =
      "URN,LA (code),EstablishmentName,EstablishmentStatus (name)\n100001,201,Alder School,Open\n,,,\n";
    expect((await readAll(Buffer.from(text, "latin1"))).map((r) => r.row)).toEqual([2]);
  });
});

describe("readGiasExtract: file errors", () => {
  it("says a PNG is not a CSV file", async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("0000000d49484452000000010000000108060000001f15c489", "hex"),
    ]);
    const error = await fileError(png);
    expect(error.reason).toBe("not_csv");
    expect(error.message).toMatch(/^This is not a CSV file/);
    expect(error.message).toContain("PNG");
  });

  it("says an Excel workbook (ZIP) or a PDF is not a CSV file", async () => {
    expect((await fileError(Buffer.from("PK\x03\x04\x14\x00\x06\x00rest", "latin1"))).message).toMatch(
      /^This is not a CSV file: it looks like a ZIP archive or an Excel workbook/,
    );
    expect((await fileError(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj", "latin1"))).message).toMatch(
      /^This is not a CSV file: it looks like a PDF/,
    );
  });

  it("says a file with NUL bytes is not a CSV file, even far into the file", async () => {
    const bytes = Buffer.concat([
      buildGiasCsv(Array.from({ length: 40 }, () => ({}))),
      Buffer.from([0, 1, 2]),
    ]);
    expect((await fileError(bytes)).message).toMatch(/^This is not a CSV file/);
  });

  it("says an empty file is empty", async () => {
    const error = await fileError(Buffer.alloc(0));
    expect(error.reason).toBe("empty");
    expect(error.message).toBe("The file is empty.");
  });

  it("says a file of blank lines has no header row", async () => {
    const error = await fileError(Buffer.from("\r\n\r\n\r\n"));
    expect(error.reason).toBe("no_header");
    expect(error.message).toMatch(/no header row/);
  });

  it("says a file with a header and no rows (or only blank ones) has no schools", async () => {
    const header = "URN,LA (code),EstablishmentName,EstablishmentStatus (name)";
    for (const text of [`${header}`, `${header}\r\n`, `${header}\r\n\r\n\n,,,\r\n  \r\n`]) {
      const error = await fileError(Buffer.from(text, "latin1"));
      expect(error.reason).toBe("no_schools");
      expect(error.message).toMatch(/^The file has no schools/);
    }
  });

  it("says a file without a URN column is not a GIAS extract and lists the columns found", async () => {
    const error = await fileError(Buffer.from("School,Town,Pupils\nAlder School,Fenley,200\n"));
    expect(error.reason).toBe("missing_columns");
    expect(error.message).toBe(
      'The file has no URN column, so it is not a GIAS extract. Columns found: "School", "Town", "Pupils".',
    );
  });

  it("lists only the first few columns of a wide file", async () => {
    const columns = Array.from({ length: 30 }, (_, i) => `Column ${i + 1}`);
    const error = await fileError(Buffer.from(`${columns.join(",")}\n`));
    expect(error.message).toContain('"Column 8" and 22 more.');
  });

  it("says which other required column is missing", async () => {
    const error = await fileError(
      Buffer.from("URN,EstablishmentName,EstablishmentStatus (name)\n100001,Alder,Open\n"),
    );
    expect(error.message).toMatch(/^The file has no "LA \(code\)" column, which every GIAS extract has/);
  });

  it("refuses a header-only extract (the full GIAS header) as having no schools", async () => {
    expect((await fileError(buildGiasCsv([]))).reason).toBe("no_schools");
  });
});

describe("readGiasExtract: streaming", () => {
  it("reads the benchmark generator's national extract without a single error", async () => {
    const stats = emptyGenerationStats();
    const extract = Buffer.concat([...generateGiasChunks({ rows: 2_000, seed: 3, stats })]);
    const results = await readAll(giasChunks(extract, 64 * 1024));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(2_000);
    const closed = records(results).filter((r) => r.status === "closed").length;
    expect(closed).toBe(stats.closed);
    expect(new Set(records(results).map((r) => r.urn)).size).toBe(2_000);
  });

  it("streams a generated 20,000-row extract in small chunks", async () => {
    const extract = buildGiasCsv(
      Array.from({ length: 20_000 }, (_, i) => ({
        URN: String(100_000 + i),
        "LA (code)": String(201 + (i % 150)),
        EstablishmentName: i % 100 === 0 ? `École Fierté ${i}` : `Fictional School ${i}`,
        NumberOfPupils: String(i % 1_500),
        PercentageFSM: ((i % 1_000) / 10).toFixed(1),
        OpenDate: `${String((i % 28) + 1).padStart(2, "0")}-09-20${String(i % 24).padStart(2, "0")}`,
        Easting: String(130_000 + i * 20),
        Northing: String(10_000 + i * 30),
      })),
    );
    const chunkSize = 4 * 1024;
    const totalChunks = Math.ceil(extract.length / chunkSize);
    let chunksPulled = 0;
    let chunksPulledAtFirstRow: number | null = null;
    const source = (async function* () {
      for (let offset = 0; offset < extract.length; offset += chunkSize) {
        chunksPulled++;
        yield extract.subarray(offset, offset + chunkSize);
      }
    })();

    const progress: number[] = [];
    let ok = 0;
    let failed = 0;
    let lastRow = 1;
    let rowsInOrder = true;
    for await (const result of readGiasExtract(source, { onProgress: (bytes) => progress.push(bytes) })) {
      chunksPulledAtFirstRow ??= chunksPulled;
      if (result.ok) ok++;
      else failed++;
      if (result.row <= lastRow) rowsInOrder = false;
      lastRow = result.row;
    }

    expect(failed).toBe(0);
    expect(ok).toBe(20_000);
    expect(lastRow).toBe(20_001);
    expect(rowsInOrder).toBe(true);
    expect(progress.length).toBe(totalChunks);
    expect(progress.length).toBeGreaterThan(1_000);
    expect(progress.every((bytes, i) => i === 0 || bytes > (progress[i - 1] ?? 0))).toBe(true);
    expect(progress.at(-1)).toBe(extract.length);
    // The first row came out long before the input was read: the file is never held whole.
    expect(chunksPulledAtFirstRow).toBeLessThan(totalChunks / 10);
  }, 30_000);

  it("stops reading the input when the caller stops early", async () => {
    let closed = false;
    let pulled = 0;
    const bytes = buildGiasCsv(Array.from({ length: 2_000 }, () => ({})));
    const source = (async function* () {
      try {
        for (let offset = 0; offset < bytes.length; offset += 1024) {
          pulled++;
          yield bytes.subarray(offset, offset + 1024);
        }
      } finally {
        closed = true;
      }
    })();
    for await (const result of readGiasExtract(source)) {
      expect(result.ok).toBe(true);
      break;
    }
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(bytes.length / 1024);
  });

  it("gives the same results in batches, none empty, and stops reading when the caller stops", async () => {
    const extract = Buffer.concat([
      ...generateGiasChunks({ rows: 3_000, seed: 5, stats: emptyGenerationStats() }),
    ]);
    const batches: GiasRowResult[][] = [];
    for await (const batch of readGiasExtractInBatches(giasChunks(extract, 7_000))) batches.push(batch);
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.flat()).toEqual(await readAll(giasChunks(extract, 7_000)));

    let closed = false;
    const source = (async function* () {
      try {
        yield* giasChunks(extract, 70_000);
      } finally {
        closed = true;
      }
    })();
    for await (const batch of readGiasExtractInBatches(source)) {
      expect(batch[0]?.ok).toBe(true);
      break;
    }
    expect(closed).toBe(true);
  });

  it("closes the input when the file is refused", async () => {
    let closed = false;
    const source = (async function* () {
      try {
        yield Buffer.from("%PDF-1.7\n");
        yield Buffer.from("more");
      } finally {
        closed = true;
      }
    })();
    await expect(readAll(source)).rejects.toThrow(GiasFileError);
    expect(closed).toBe(true);
  });
});

describe("giasRecordHash", () => {
  it("is a stable SHA-1 of the record, whatever the key order", () => {
    const hash = giasRecordHash(FULL_RECORD);
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    const reordered = Object.fromEntries(Object.entries(FULL_RECORD).reverse()) as GiasSchoolRecord;
    expect(giasRecordHash(reordered)).toBe(hash);
    expect(giasRecordHash(structuredClone(FULL_RECORD))).toBe(hash);
  });

  it("is the SHA-1 of the JSON array of the values in RECORD_FIELDS order (what earlier imports stored)", () => {
    const tricky: GiasSchoolRecord[] = [
      FULL_RECORD,
      {
        ...FULL_RECORD,
        name: 'St "Mary\'s" \\ Back\tslash\nschool\r\u0001\u001f\u007f',
        street: "Caf\u00e9 \u2019 \u20ac \u0152uvre",
        locality: "\ud83c\udfb5 paired, \ud800 lone, \udc00 lone",
        town: "",
        percentFsm: 12.5,
        pupils: 0,
        easting: null,
        senProvision: ['Say "hi"', "C:\\path", "\u2028"],
      },
      { ...FULL_RECORD, senProvision: [], percentFsm: 100, laName: null, phone: null },
    ];
    for (const record of tricky) {
      const json = JSON.stringify(RECORD_FIELDS.map((field) => record[field]));
      expect(giasRecordHash(record)).toBe(createHash("sha1").update(json).digest("hex"));
    }
  });

  it("reads the values in RECORD_FIELDS order", () => {
    const probe = Object.fromEntries(RECORD_FIELDS.map((field) => [field, field]));
    expect(giasRecordValues(probe as unknown as GiasSchoolRecord)).toEqual(RECORD_FIELDS);
    expect(giasRecordValues(FULL_RECORD)).toEqual(RECORD_FIELDS.map((field) => FULL_RECORD[field]));
  });

  it("changes when any register field changes", () => {
    const hash = giasRecordHash(FULL_RECORD);
    expect(giasRecordHash({ ...FULL_RECORD, pupils: 413 })).not.toBe(hash);
    expect(giasRecordHash({ ...FULL_RECORD, headLastName: "Ashcombe" })).not.toBe(hash);
    expect(giasRecordHash({ ...FULL_RECORD, senProvision: [] })).not.toBe(hash);
    expect(giasRecordHash({ ...FULL_RECORD, address3: "" })).not.toBe(hash);
  });

  it("gives the same hash for the same school read from differently ordered files", async () => {
    const a = await onlyRecord(buildGiasCsv([FULL_ROW]));
    const b = await onlyRecord(buildGiasCsv([FULL_ROW], { columns: GIAS_COLUMNS_2018, encoding: "utf8bom" }));
    expect(giasRecordHash(a)).toBe(giasRecordHash(b));
  });
});

describe("buildGiasCsv", () => {
  it("writes the full 2023 header, quoted, in Windows-1252 by default", () => {
    const bytes = buildGiasCsv([{ EstablishmentName: "Fierté School" }]);
    const [header, row] = iconv.decode(bytes, "win1252").split("\r\n");
    expect(header?.split('","')).toHaveLength(GIAS_COLUMNS_2023.length);
    expect(header?.startsWith('"URN","LA (code)","LA (name)"')).toBe(true);
    expect(row).toContain('"Fierté School"');
  });

  it("refuses a column the header does not have", () => {
    expect(() => buildGiasCsv([{ "No such column": "x" }])).toThrow(/No such column/);
  });
});

describe("UTF-8 without a byte order mark", () => {
  it("reads accented names right when the file was re-saved as UTF-8 without a BOM", async () => {
    const csv = buildGiasCsv([{ URN: "100123", EstablishmentName: "École Saint-Étienne" }], {
      encoding: "utf8bom",
    });
    const noBom = csv.subarray(3);
    const rows = [];
    for await (const r of readGiasExtract(Readable.from([noBom]))) rows.push(r);
    expect(rows[0]?.ok && rows[0].record.name).toBe("École Saint-Étienne");
  });
});
