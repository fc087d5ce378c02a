import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { and, asc, count, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MUSIC_FIGURES } from "../../../shared/schemas/schools";
import { areas, auditLog, hubs, jobs, schoolMusicData, schools } from "../../db/schema/index";
import { systemActor } from "../../platform/actor";
import { contextFor } from "../../platform/context";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
  tempDir,
} from "../../testing/harness";
import { GIAS_COLUMNS_2023 } from "./gias/gias-columns";
import { buildGiasCsv, GIAS_COLUMNS_2018 } from "./gias/gias-fixtures";
import { MUSIC_DATA_COLUMNS, SDP_COLUMN } from "./music-data-csv";
import { importGias } from "./school-imports.service";

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ clock: () => new Date("2026-01-15T10:00:00Z") });
});
afterAll(() => env.close());

// ---------------------------------------------------------------------------------------------
// Helpers

/** A multipart/form-data body built by hand: the fields, then the file (as the web sends them). */
const multipart = (
  fields: Record<string, string>,
  file?: { name: string; body: Buffer },
  fileFirst = false,
) => {
  const boundary = `----tutti${randomBytes(8).toString("hex")}`;
  const fieldParts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  const fileParts = file
    ? [
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`,
        ),
        file.body,
        Buffer.from("\r\n"),
      ]
    : [];
  const payload = Buffer.concat([
    ...(fileFirst ? fileParts : []),
    ...fieldParts,
    ...(fileFirst ? [] : fileParts),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
};

const upload = (
  agent: Agent,
  body: Buffer,
  fields: Record<string, string> = { source: "gias" },
  opts: { name?: string; fileFirst?: boolean } = {},
) => {
  const { payload, headers } = multipart(
    fields,
    { name: opts.name ?? "edubasealldata20260115.csv", body },
    opts.fileFirst,
  );
  return agent.request({ method: "POST", url: "/api/schools/imports", payload, headers });
};

/** A fresh hub covering LA 931 (its one seeded school has source "manual"), and its admin signed in. */
const freshHub = async (label: string): Promise<{ hub: TestHub; admin: Agent }> => {
  const hub = await seedHub(env.db, label);
  return { hub, admin: await signInAs(env.app, hub.users.hub_admin.email) };
};

const LA = "931";
const row = (urn: number, extra: Partial<Record<string, string>> = {}) => ({
  URN: String(urn),
  "LA (code)": LA,
  "LA (name)": "Fictional Vale",
  EstablishmentName: `Fictional School ${urn}`,
  ...extra,
});

/** Everything the register holds for a hub, and its audit count: what a refused import must leave as it was. */
const snapshot = async (hubId: string) => {
  const rows = await env.db.select().from(schools).where(eq(schools.hubId, hubId)).orderBy(asc(schools.urn));
  const [audits] = await env.db.select({ n: count() }).from(auditLog).where(eq(auditLog.hubId, hubId));
  const [hub] = await env.db.select({ laCodes: hubs.laCodes }).from(hubs).where(eq(hubs.id, hubId));
  return { rows, audits: audits?.n, laCodes: hub?.laCodes };
};

const schoolByUrn = async (hubId: string, urn: number) =>
  (
    await env.db
      .select()
      .from(schools)
      .where(and(eq(schools.hubId, hubId), eq(schools.urn, urn)))
  )[0];

// ---------------------------------------------------------------------------------------------

describe("GIAS import", () => {
  it("adds new schools, skips other LAs, then counts updated, closed and unchanged; leaves the rest alone", async () => {
    const { hub, admin } = await freshHub("gias1");
    const first = buildGiasCsv([
      row(900001, {
        "PhaseOfEducation (name)": "Secondary",
        NumberOfPupils: "1020",
        PercentageFSM: "21.4",
        OpenDate: "01-09-1975",
      }),
      row(900002),
      row(900003, { EstablishmentName: "Fictional Brook Primary SCHOOL (FIERTÉ)" }),
      row(900004, { "LA (code)": "999" }),
    ]);
    const res = await upload(admin, first);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 3, updated: 0, unchanged: 0, closed: 0, skipped: 1, errors: [] });

    const s1 = await schoolByUrn(hub.id, 900001);
    expect(s1).toMatchObject({
      phase: "secondary",
      pupils: 1020,
      percentFsm: 21.4,
      openDate: "1975-09-01",
      status: "open",
      source: "gias",
    });
    expect((await schoolByUrn(hub.id, 900003))?.name).toBe("Fictional Brook Primary SCHOOL (FIERTÉ)");
    expect(await schoolByUrn(hub.id, 900004)).toBeUndefined();

    // The import is audited once, with its counts; the profile says where the school came from.
    const importEntries = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.hubId, hub.id), eq(auditLog.entity, "school_import")));
    expect(importEntries).toHaveLength(1);
    expect(importEntries[0]?.after).toMatchObject({ source: "gias", created: 3, skipped: 1 });
    const profile = await admin.get("/api/schools/900001");
    expect(profile.json<{ timeline: { title: string; detail: string | null }[] }>().timeline).toContainEqual(
      expect.objectContaining({ title: "Added to the register", detail: "from a GIAS import" }),
    );

    // The same file again: nothing written at all.
    const before = await snapshot(hub.id);
    const again = await upload(admin, first);
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 3, closed: 0, skipped: 1, errors: [] });
    expect(await snapshot(hub.id)).toEqual(before);

    // Changes: a renamed school, a closure, one unchanged, one new; the seeded school is not in the file.
    const second = buildGiasCsv([
      row(900001, {
        "PhaseOfEducation (name)": "Secondary",
        NumberOfPupils: "1044",
        PercentageFSM: "21.4",
        OpenDate: "01-09-1975",
      }),
      row(900002, { "EstablishmentStatus (name)": "Closed", CloseDate: "31-08-2025" }),
      row(900003, { EstablishmentName: "Fictional Brook Primary SCHOOL (FIERTÉ)" }),
      row(900005),
      row(900004, { "LA (code)": "999" }),
    ]);
    const changed = await upload(admin, second);
    expect(changed.json()).toEqual({
      created: 1,
      updated: 1,
      unchanged: 1,
      closed: 1,
      skipped: 1,
      errors: [],
    });
    expect((await schoolByUrn(hub.id, 900002))?.status).toBe("closed");
    expect(await env.db.select().from(schools).where(eq(schools.id, hub.schoolId))).toHaveLength(1);

    // The update's audit entry holds only the fields that changed.
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, "school"),
          eq(auditLog.entityId, s1?.id ?? ""),
          eq(auditLog.action, "update"),
        ),
      );
    expect(audits).toHaveLength(1);
    expect(audits[0]?.before).toEqual({ pupils: 1020 });
    expect(audits[0]?.after).toEqual({ pupils: 1044 });
    const closedAudit = await env.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityId, (await schoolByUrn(hub.id, 900002))?.id ?? ""),
          eq(auditLog.action, "update"),
        ),
      );
    expect(closedAudit[0]?.after).toEqual({
      status: "closed",
      giasStatus: "Closed",
      closeDate: "2025-08-31",
    });
  });

  it("skips (and counts as skipped) a bad row of an LA the hub does not cover; a bad row of a covered LA still refuses", async () => {
    const { hub, admin } = await freshHub("gias-bad-other-la");
    const res = await upload(
      admin,
      buildGiasCsv([row(900201), row(900202, { "LA (code)": "999", NumberOfPupils: "lots", URN: "12" })]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 0, unchanged: 0, closed: 0, skipped: 1, errors: [] });
    expect(await schoolByUrn(hub.id, 900201)).toBeDefined();

    const bad = await upload(admin, buildGiasCsv([row(900203), row(900204, { NumberOfPupils: "lots" })]));
    expect(bad.statusCode).toBe(400);
    expect(await schoolByUrn(hub.id, 900203)).toBeUndefined();
  });

  it("reads a 2018-style header and a UTF-8 file with a byte order mark", async () => {
    const { hub, admin } = await freshHub("gias2");
    const utf = buildGiasCsv([row(900011, { EstablishmentName: "Fictional Café School" })], {
      encoding: "utf8bom",
      columns: GIAS_COLUMNS_2018,
    });
    const res = await upload(admin, utf);
    expect(res.json()).toMatchObject({ created: 1 });
    expect((await schoolByUrn(hub.id, 900011))?.name).toBe("Fictional Café School");
  });

  it("sets the area of new schools by the hub's rules but keeps an area set by hand", async () => {
    const { hub, admin } = await freshHub("gias3");
    const [north, south] = await env.db
      .insert(areas)
      .values([
        { hubId: hub.id, name: "North", districts: ["Fictional North District"] },
        { hubId: hub.id, name: "South", districts: ["Fictional South District"] },
      ])
      .returning();
    const district = "DistrictAdministrative (name)";
    const res = await upload(
      admin,
      buildGiasCsv([
        row(900021, { [district]: "Fictional North District" }),
        row(900022, { [district]: "Fictional North District" }),
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await schoolByUrn(hub.id, 900021))?.areaId).toBe(north?.id);

    await env.db
      .update(schools)
      .set({ areaId: south?.id, areaSource: "hand" })
      .where(and(eq(schools.hubId, hub.id), eq(schools.urn, 900022)));
    const moved = await upload(
      admin,
      buildGiasCsv([
        row(900021, { [district]: "Fictional South District" }),
        row(900022, { [district]: "Fictional North District", NumberOfPupils: "210" }),
      ]),
    );
    expect(moved.json()).toMatchObject({ updated: 2 });
    expect((await schoolByUrn(hub.id, 900021))?.areaId).toBe(south?.id);
    const kept = await schoolByUrn(hub.id, 900022);
    expect(kept).toMatchObject({ areaId: south?.id, areaSource: "hand", pupils: 210 });
  });

  it("never touches the link officer, tags or area of an updated school", async () => {
    const { hub, admin } = await freshHub("gias4");
    await upload(admin, buildGiasCsv([row(900031)]));
    await env.db
      .update(schools)
      .set({ tags: ["wcet-2026"], linkOfficerId: hub.users.hub_staff.id })
      .where(and(eq(schools.hubId, hub.id), eq(schools.urn, 900031)));
    const res = await upload(admin, buildGiasCsv([row(900031, { Town: "Fictionbury" })]));
    expect(res.json()).toMatchObject({ updated: 1 });
    expect(await schoolByUrn(hub.id, 900031)).toMatchObject({
      town: "Fictionbury",
      tags: ["wcet-2026"],
      linkOfficerId: hub.users.hub_staff.id,
    });
  });

  it("also works when the file comes before the fields", async () => {
    const { admin } = await freshHub("gias5");
    const res = await upload(admin, buildGiasCsv([row(900041)]), { source: "gias" }, { fileFirst: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1 });
  });
});

describe("a bad GIAS file leaves the register exactly as it was and says where", () => {
  let hub: TestHub;
  let admin: Agent;
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    ({ hub, admin } = await freshHub("bad"));
    expect((await upload(admin, buildGiasCsv([row(900101), row(900102)]))).statusCode).toBe(200);
    before = await snapshot(hub.id);
  });

  const refused = async (
    body: Buffer,
    status: number,
    fields: Record<string, string> = { source: "gias" },
  ) => {
    const res = await upload(admin, body, fields);
    expect(res.statusCode, res.body).toBe(status);
    expect(await snapshot(hub.id)).toEqual(before);
    return res.json() as {
      error: {
        code: string;
        message: string;
        details?: { errors?: { row: number; column: string; message: string }[] };
      };
    };
  };

  it("a UTF-16 file", async () => {
    const text = buildGiasCsv([row(900103)], { encoding: "utf8bom" })
      .subarray(3)
      .toString("utf8");
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")]);
    const res = await refused(body, 400);
    expect(res.error.message).toMatch(/UTF-16/);
  });

  it("no URN column", async () => {
    const res = await refused(
      buildGiasCsv([{ EstablishmentName: "Fictional School" }], {
        columns: GIAS_COLUMNS_2023.filter((c) => c !== "URN"),
      }),
      400,
    );
    expect(res.error.message).toMatch(/no URN column/);
  });

  it("a URN that is not 6 digits, with the row and column (and the count of the rest)", async () => {
    const res = await refused(
      buildGiasCsv([row(900104), { ...row(900105), URN: "12345" }, { ...row(900106), URN: "1234567" }]),
      400,
    );
    expect(res.error.message).toBe('Row 3, column URN: URN "12345" is not 6 digits (and 1 more problem)');
    expect(res.error.details?.errors).toEqual([
      { row: 3, column: "URN", message: 'URN "12345" is not 6 digits' },
      { row: 4, column: "URN", message: 'URN "1234567" is not 6 digits' },
    ]);
    expect(res.error.details).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
  });

  it("a number with text in it, and a changed school elsewhere in the file", async () => {
    const res = await refused(
      buildGiasCsv([row(900101, { Town: "Changed" }), row(900107, { NumberOfPupils: "212 pupils" })]),
      400,
    );
    expect(res.error.details?.errors).toEqual([
      { row: 3, column: "NumberOfPupils", message: 'NumberOfPupils "212 pupils" is not a whole number' },
    ]);
  });

  it("a percentage over 100", async () => {
    const res = await refused(buildGiasCsv([row(900108, { PercentageFSM: "120.5" })]), 400);
    expect(res.error.details?.errors?.[0]).toMatchObject({ row: 2, column: "PercentageFSM" });
  });

  it("duplicate URNs", async () => {
    const res = await refused(buildGiasCsv([row(900109), row(900110), row(900109)]), 400);
    expect(res.error.details?.errors).toEqual([
      { row: 4, column: "URN", message: "URN 900109 appears twice: rows 2 and 4" },
    ]);
  });

  it("not a CSV (a PNG) → 415", async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(2000),
    ]);
    const res = await refused(png, 415);
    // Not a kind Tutti reads at all (a PNG signature and noise): said in words, with no MIME type.
    expect(res.error.message).toBe("This file is not a CSV file. A GIAS extract must be a CSV file.");
  });

  it("an empty file", async () => {
    const res = await refused(Buffer.alloc(0), 400);
    expect(res.error.message).toBe("The file is empty");
  });

  it("a header and no rows, or only blank lines: the file has no schools", async () => {
    const headerOnly = buildGiasCsv([]);
    for (const body of [headerOnly, Buffer.concat([headerOnly, Buffer.from("\r\n\r\n,,,\r\n\r\n")])]) {
      const res = await refused(body, 400);
      expect(res.error.message).toMatch(/^The file has no schools/);
    }
  });

  it("the same through the command line's path (importGias on a file): refused, nothing changed", async () => {
    const dir = tempDir();
    const file = path.join(dir, "edubasealldata20260115.csv");
    writeFileSync(file, Buffer.concat([buildGiasCsv([]), Buffer.from("\n\n")]));
    const ctx = contextFor(env.deps, systemActor(hub));
    await expect(
      importGias(ctx, {
        stream: createReadStream(file),
        fileName: path.basename(file),
        totalBytes: statSync(file).size,
      }),
    ).rejects.toThrow(/^The file has no schools/);
    expect(await snapshot(hub.id)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  });

  it("no source, or an unknown one", async () => {
    expect((await refused(buildGiasCsv([row(900111)]), 400, {})).error.message).toMatch(/source/);
    expect((await refused(buildGiasCsv([row(900111)]), 400, { source: "edubase" })).error.message).toMatch(
      /source/,
    );
  });

  it("reports at most 1,000 errors but counts them all", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ ...row(900200 + i), URN: `x${i}` }));
    const res = await refused(buildGiasCsv(rows), 400);
    expect(res.error.details?.errors).toHaveLength(1000);
    expect(res.error.message).toMatch(/\(and 1199 more problems\)$/);
  });
});

describe("uploads over the size limit", () => {
  let small: TestEnv;
  afterAll(() => small?.close());

  it("answers 413 and imports nothing", async () => {
    small = await createTestEnv({ config: { maxUploadBytes: 1024 * 1024 } });
    const hub = await seedHub(small.db, "big");
    const admin = await signInAs(small.app, hub.users.hub_admin.email);
    const rows = Array.from({ length: 4000 }, (_, i) => row(910000 + i));
    const body = buildGiasCsv(rows);
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const { payload, headers } = multipart({ source: "gias" }, { name: "big.csv", body });
    const res = await admin.request({ method: "POST", url: "/api/schools/imports", payload, headers });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.message).toBe("The file is larger than 1 MB");
    const [n] = await small.db.select({ n: count() }).from(schools).where(eq(schools.hubId, hub.id));
    expect(n?.n).toBe(1);
  });
});

describe("LA coverage", () => {
  it("refuses with the file's LAs when the hub covers none, and adds the LAs given", async () => {
    const { hub, admin } = await freshHub("cover");
    await env.db.update(hubs).set({ laCodes: [] }).where(eq(hubs.id, hub.id));
    const file = buildGiasCsv([
      row(900301),
      row(900302),
      row(900303, { "LA (code)": "932", "LA (name)": "Fictional Wold" }),
    ]);
    const before = await snapshot(hub.id);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe("Choose the local authorities your hub covers before importing");
    expect(res.json().error.details.laOptions).toEqual([
      { code: "931", name: "Fictional Vale", schools: 2 },
      { code: "932", name: "Fictional Wold", schools: 1 },
    ]);
    expect(await snapshot(hub.id)).toEqual(before);

    const ok = await upload(admin, file, { source: "gias", laCodes: "932" });
    expect(ok.json()).toMatchObject({ created: 1, skipped: 2 });
    const more = await upload(admin, file, { source: "gias", laCodes: "931,932" });
    expect(more.json()).toMatchObject({ created: 2, unchanged: 1, skipped: 0 });
    const [h] = await env.db.select().from(hubs).where(eq(hubs.id, hub.id));
    expect(h?.laCodes).toEqual(["931", "932"]);
    const hubAudits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "hub"), eq(auditLog.entityId, hub.id), eq(auditLog.action, "update")));
    expect(hubAudits.map((a) => a.after)).toEqual([{ laCodes: ["932"] }, { laCodes: ["931", "932"] }]);
  });

  it("refuses a bad LA code", async () => {
    const { admin } = await freshHub("cover2");
    const res = await upload(admin, buildGiasCsv([row(900311)]), { source: "gias", laCodes: "93" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/LA code/);
  });
});

describe("import jobs", () => {
  it("keeps a job row with progress that ends succeeded with the summary; another hub gets 404", async () => {
    const { hub, admin } = await freshHub("jobs");
    const jobId = randomUUID();
    const rows = Array.from({ length: 50 }, (_, i) => row(900400 + i));
    const res = await upload(admin, buildGiasCsv(rows), { source: "gias", jobId });
    expect(res.statusCode).toBe(200);
    const job = await admin.get(`/api/schools/imports/${jobId}`);
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({
      id: jobId,
      kind: "gias-import",
      status: "succeeded",
      rowsRead: 50,
      result: res.json(),
      error: null,
    });
    expect(job.json().processedBytes).toBeGreaterThan(0);
    expect(job.json().finishedAt).not.toBeNull();

    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    const list = await staff.get("/api/schools/imports");
    expect(list.json().items.map((j: { id: string }) => j.id)).toContain(jobId);

    const other = await freshHub("jobs-other");
    expect((await other.admin.get(`/api/schools/imports/${jobId}`)).statusCode).toBe(404);
    expect((await other.admin.get("/api/schools/imports")).json().items).toEqual([]);

    // A job id cannot be reused.
    expect((await upload(admin, buildGiasCsv(rows), { source: "gias", jobId })).statusCode).toBe(409);
  });

  it("records a refused import as failed with its errors", async () => {
    const { admin } = await freshHub("jobs2");
    const jobId = randomUUID();
    await upload(admin, buildGiasCsv([{ ...row(900501), URN: "abc" }]), { source: "gias", jobId });
    const job = (await admin.get(`/api/schools/imports/${jobId}`)).json();
    expect(job).toMatchObject({ status: "failed", error: 'Row 2, column URN: URN "abc" is not 6 digits' });
    expect(job.result.errors).toHaveLength(1);
    const [stored] = await env.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(stored?.status).toBe("failed");
  });
});

// ---------------------------------------------------------------------------------------------

describe("music data", () => {
  let hub: TestHub;
  let admin: Agent;
  const YEAR = "2025/26";

  beforeAll(async () => {
    ({ hub, admin } = await freshHub("music"));
    await upload(
      admin,
      buildGiasCsv([
        row(900601, { NumberOfPupils: "200", EstablishmentName: "Fictional Alder Primary" }),
        row(900602, { NumberOfPupils: "900", EstablishmentName: "Fictional Birch Academy" }),
        row(900603, { "EstablishmentStatus (name)": "Closed", EstablishmentName: "Fictional Closed School" }),
      ]),
    );
  });

  const template = async () => {
    const res = await admin.get(`/api/schools/music-data/template?year=${encodeURIComponent(YEAR)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    return parse(res.rawPayload, { bom: true }) as string[][];
  };
  const toCsv = (records: string[][]) =>
    Buffer.from(records.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(",")).join("\r\n"));
  const col = (label: string) => MUSIC_DATA_COLUMNS.indexOf(label);
  const label = (key: string) => MUSIC_FIGURES.find((f) => f.key === key)?.label ?? key;

  it("round-trips the template: download, fill in, upload; provenance says import", async () => {
    const records = await template();
    expect(records[0]).toEqual(MUSIC_DATA_COLUMNS);
    const names = records.slice(1).map((r) => r[1]);
    expect(names).toEqual(["Fictional Alder Primary", "Fictional Birch Academy", "School of music"]);
    const alder = records.find((r) => r[0] === "900601");
    if (!alder) throw new Error("no row");
    alder[col(label("wcetPupils"))] = "60";
    alder[col(label("singingPupils"))] = "180";
    alder[col(SDP_COLUMN)] = "Yes";
    const res = await upload(admin, toCsv(records), { source: "music-data" }, { name: "music-data.csv" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      closed: 0,
      skipped: records.length - 2,
      errors: [],
    });
    const school = await schoolByUrn(hub.id, 900601);
    const [data] = await env.db
      .select()
      .from(schoolMusicData)
      .where(eq(schoolMusicData.schoolId, school?.id ?? ""));
    expect(data).toMatchObject({ academicYear: YEAR, wcetPupils: 60, singingPupils: 180, sdpMusic: true });
    expect(data?.provenance.wcetPupils?.source).toBe("import");

    // The template now comes prefilled; uploading it unchanged changes nothing.
    const again = await template();
    const prefilled = again.find((r) => r[0] === "900601");
    expect(prefilled?.[col(label("wcetPupils"))]).toBe("60");
    expect(prefilled?.[col(SDP_COLUMN)]).toBe("yes");
    const same = await upload(admin, toCsv(again), { source: "music-data" }, { name: "music-data.csv" });
    expect(same.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    // Headers match whatever their case and spacing.
    const loose = [
      ["urn", "ACADEMIC  YEAR", label("wcetPupils").toUpperCase()],
      ["900601", YEAR, "64"],
    ];
    const changed = await upload(admin, toCsv(loose), { source: "music-data" }, { name: "music-data.csv" });
    expect(changed.json()).toMatchObject({ updated: 1 });
  });

  const header = ["URN", "Academic year", label("wcetPupils"), label("wcetTerms"), SDP_COLUMN];
  const bad: [string, string[], { row: number; column: string; message: RegExp }][] = [
    [
      "a URN that is not 6 digits",
      ["90060", YEAR, "", "", ""],
      { row: 2, column: "URN", message: /not 6 digits/ },
    ],
    [
      "a URN not in this hub",
      ["999999", YEAR, "", "", ""],
      { row: 2, column: "URN", message: /No school with URN 999999/ },
    ],
    [
      "a number with text",
      ["900601", YEAR, "60 pupils", "", ""],
      { row: 2, column: label("wcetPupils"), message: /not a number/ },
    ],
    [
      "a negative number",
      ["900601", YEAR, "-3", "", ""],
      { row: 2, column: label("wcetPupils"), message: /negative/ },
    ],
    [
      "a decimal",
      ["900601", YEAR, "3.5", "", ""],
      { row: 2, column: label("wcetPupils"), message: /whole number/ },
    ],
    [
      "not yes or no",
      ["900601", YEAR, "", "", "maybe"],
      { row: 2, column: SDP_COLUMN, message: /yes or no/ },
    ],
    [
      "a badly written year",
      ["900601", "2025-26", "", "", ""],
      { row: 2, column: "Academic year", message: /2025\/26/ },
    ],
    [
      "more pupils than on roll",
      ["900601", YEAR, "250", "", ""],
      { row: 2, column: label("wcetPupils"), message: /more than pupils on roll/ },
    ],
    [
      "too many terms",
      ["900601", YEAR, "", "14", ""],
      { row: 2, column: label("wcetTerms"), message: /more than 12/ },
    ],
  ];

  it.each(bad)("refuses %s with the row and column, changing nothing", async (_what, values, expected) => {
    const before = await env.db.select().from(schoolMusicData).where(eq(schoolMusicData.hubId, hub.id));
    const good = ["900602", YEAR, "30", "2", "no"];
    const res = await upload(admin, toCsv([header, good, values]), { source: "music-data" });
    expect(res.statusCode, res.body).toBe(400);
    const [first] = res.json().error.details.errors as { row: number; column: string; message: string }[];
    expect(first).toMatchObject({ row: expected.row + 1, column: expected.column });
    expect(first?.message).toMatch(expected.message);
    expect(await env.db.select().from(schoolMusicData).where(eq(schoolMusicData.hubId, hub.id))).toEqual(
      before,
    );
  });

  it("refuses the same URN and year twice", async () => {
    const res = await upload(
      admin,
      toCsv([header, ["900602", YEAR, "1", "", ""], ["900602", YEAR, "2", "", ""]]),
      { source: "music-data" },
    );
    expect(res.json().error.message).toBe(
      `Row 3, column URN: URN 900602 for ${YEAR} appears twice: rows 2 and 3`,
    );
  });

  it("refuses a file without a URN column", async () => {
    const res = await upload(
      admin,
      toCsv([
        ["School", "Academic year"],
        ["Fictional", YEAR],
      ]),
      { source: "music-data" },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/no "URN" column/);
  });
});
