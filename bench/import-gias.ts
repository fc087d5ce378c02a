/**
 * GIAS import benchmark: the national extract (~50,000 rows) into one hub covering every LA,
 * on an embedded PostgreSQL in a temporary directory.
 *
 *   npx tsx bench/import-gias.ts [--file bench/out/edubasealldata.csv] [--rows 50000]
 *
 * Generates the file with bench/generate-gias.ts when it is missing, then times
 *   (a) parse only: readGiasExtract over the file, no database;
 *   (b) the first import (every school new);
 *   (c) a re-import of the same file (every school unchanged, nothing written).
 * Prints wall time, rows/s, import speed as a % of parse speed, and the process's peak RSS.
 * Targets (DESIGN.md): (b) under 10 s on 2 cores and at least 30% of parse speed.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase } from "../src/server/db/client.ts";
import { createHub } from "../src/server/modules/hubs/hubs.service.ts";
import { readGiasExtract } from "../src/server/modules/schools/gias/gias-reader.ts";
import { importGias } from "../src/server/modules/schools/school-imports.service.ts";
import { systemActor } from "../src/server/platform/actor.ts";
import type { ServiceContext } from "../src/server/platform/context.ts";
import { createMailer } from "../src/server/platform/mailer.ts";
import { createLocalFileStore } from "../src/server/platform/storage.ts";
import { emptyGenerationStats, generateGiasChunks } from "./generate-gias.ts";

/**
 * CPU time (ms) of the embedded PostgreSQL so far: the postmaster (with its reaped children) and
 * its live backends, from /proc. Unlike wall time it hardly moves with the machine's load.
 * null for an external server or where /proc is missing.
 */
const pgCpuMs = async (dataDir: string): Promise<number | null> => {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  const ticks = 100; // USER_HZ
  const fields = async (pid: string): Promise<string[] | null> => {
    try {
      const text = await readFile(`/proc/${pid}/stat`, "utf8");
      return text.slice(text.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null;
    }
  };
  let total = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const f = await fields(pid);
    if (!f) continue;
    // After "pid (comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14)
    const [utime, stime, cutime, cstime] = [f[11], f[12], f[13], f[14]].map(Number);
    if (Number(pid) === postmaster) total += (utime ?? 0) + (stime ?? 0) + (cutime ?? 0) + (cstime ?? 0);
    else if (Number(f[1]) === postmaster) total += (utime ?? 0) + (stime ?? 0);
  }
  return (total * 1000) / ticks;
};

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

const generate = async (file: string, rows: number): Promise<void> => {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  for (const chunk of generateGiasChunks({ rows, seed: 1, stats: emptyGenerationStats() })) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await finished(out);
};

type Timing = {
  label: string;
  ms: number;
  cpuMs: number;
  pgMs?: number | null;
  rows: number;
  rssMb: number;
  note: string;
};

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const line = (t: Timing, parseRate?: number): string => {
  const rate = t.rows / (t.ms / 1000);
  const pct = parseRate ? `  ${((100 * rate) / parseRate).toFixed(0).padStart(3)}% of parse speed` : "";
  return `${t.label.padEnd(26)}${(t.ms / 1000).toFixed(2).padStart(7)} s (node cpu ${(t.cpuMs / 1000).toFixed(1).padStart(5)} s${t.pgMs != null ? `, postgres cpu ${(t.pgMs / 1000).toFixed(1).padStart(5)} s` : ""})  ${Math.round(rate).toLocaleString("en-GB").padStart(8)} rows/s  peak RSS ${t.rssMb.toFixed(0).padStart(4)} MB${pct}  ${t.note}`;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      file: { type: "string", default: "bench/out/edubasealldata.csv" },
      rows: { type: "string", default: "50000" },
      // Measurement only: drop these indexes of the bench database after migrating (repeatable;
      // "desc" = the six schools_hub_*_desc sort indexes), to see what each costs the import.
      "drop-index": { type: "string", multiple: true, default: [] },
    },
  });
  const source = path.resolve(values.file);
  if (!existsSync(source)) {
    process.stdout.write(`generating ${source} (${values.rows} rows)…\n`);
    await generate(source, Number(values.rows));
  }
  // A private copy: nothing else can rewrite the file while it is measured.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-bench-gias-"));
  const file = path.join(dataDir, path.basename(source));
  await copyFile(source, file);
  const { size } = await stat(file);
  process.stdout.write(
    `file ${source}: ${(size / 1e6).toFixed(1)} MB; ${os.cpus().length} CPUs; load average ${os.loadavg()[0]?.toFixed(1)}; Node ${process.version}\n`,
  );

  // (a) parse only
  const las = new Set<string>();
  let parsed = 0;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for await (const r of readGiasExtract(createReadStream(file))) {
    parsed++;
    if (r.ok) las.add(r.record.laCode);
  }
  const parse: Timing = {
    label: "(a) parse only",
    ms: performance.now() - t0,
    cpuMs: cpuMs(c0),
    rows: parsed,
    rssMb: peakRssMb(),
    note: `${las.size} LAs`,
  };
  process.stdout.write(`${line(parse)}\n`);
  const parseRate = parse.rows / (parse.ms / 1000);

  const database = await openDatabase({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    dataDir,
    database: "tutti_bench",
  });
  try {
    await migrateDatabase(database.pool);
    const dropped = values["drop-index"].flatMap((name) =>
      name === "desc"
        ? ["phase", "status", "la", "town", "pupils", "fsm"].map((c) => `schools_hub_${c}_desc`)
        : [name],
    );
    for (const name of dropped) await database.pool.query(`drop index "${name.replaceAll('"', '""')}"`);
    if (dropped.length) process.stdout.write(`dropped indexes: ${dropped.join(", ")}\n`);
    const hub = await createHub(database.db, {
      name: "Bench Hub",
      slug: `bench-${Date.now().toString(36)}`,
      laCodes: [...las].sort(),
    });
    const mailer = createMailer(database.db, { smtpUrl: undefined, from: "Tutti <bench@tutti.invalid>" });
    const ctx: ServiceContext = {
      actor: systemActor(hub),
      db: database.db,
      rootDb: database.db,
      clock: () => new Date(),
      mailer,
      files: createLocalFileStore(path.join(dataDir, "files")),
      config: { publicUrl: "http://localhost", sessionDays: 14, maxUploadBytes: 100 * 1024 * 1024 },
    };
    const run = async (label: string): Promise<Timing> => {
      const pg0 = await pgCpuMs(dataDir);
      t0 = performance.now();
      c0 = process.cpuUsage();
      const s = await importGias(ctx, {
        stream: createReadStream(file),
        fileName: path.basename(file),
        totalBytes: size,
      });
      const ms = performance.now() - t0;
      const node = cpuMs(c0);
      const pg1 = await pgCpuMs(dataDir);
      const rows = s.created + s.updated + s.unchanged + s.closed + s.skipped + s.errorCount;
      return {
        label,
        ms,
        cpuMs: node,
        pgMs: pg0 === null || pg1 === null ? null : pg1 - pg0,
        rows,
        rssMb: peakRssMb(),
        note: `created ${s.created}, updated ${s.updated}, closed ${s.closed}, unchanged ${s.unchanged}, skipped ${s.skipped}, errors ${s.errorCount}${s.errors[0] ? ` (first: row ${s.errors[0].row} ${s.errors[0].column}: ${s.errors[0].message})` : ""}`,
      };
    };
    const first = await run("(b) first import");
    process.stdout.write(`${line(first, parseRate)}\n`);
    const again = await run("(c) re-import (unchanged)");
    process.stdout.write(`${line(again, parseRate)}\n`);
    const pct = (100 * (first.rows / (first.ms / 1000))) / parseRate;
    process.stdout.write(
      `target: first import < 10 s → ${first.ms < 10_000 ? "met" : "NOT met"} (${(first.ms / 1000).toFixed(1)} s); ≥ 30% of parse speed → ${pct >= 30 ? "met" : "NOT met"} (${pct.toFixed(0)}%)\n`,
    );
    mailer.close();
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
