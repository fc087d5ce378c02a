import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { ImportRowError } from "../../shared/schemas/schools";
import { type ImportResult, importGias, importMusicData } from "../modules/schools/school-imports.service";
import { systemActor } from "../platform/actor";
import { contextFor } from "../platform/context";
import { AppError } from "../platform/errors";
import { fail, hubBySlug, parseLaCodes, withRuntime } from "./main";

/** Row errors shown on the terminal; the rest are counted. */
const SHOWN_ERRORS = 20;

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const summaryTable = (r: ImportResult): string => {
  const lines: [string, number][] = [
    ["created", r.created],
    ["updated", r.updated],
    ["closed", r.closed],
    ["unchanged", r.unchanged],
    ["skipped (LA not covered)", r.skipped],
  ];
  return lines.map(([k, v]) => `  ${k.padEnd(26)}${v.toLocaleString("en-GB").padStart(8)}`).join("\n");
};

const errorLines = (errors: ImportRowError[], total: number): string => {
  const shown = errors
    .slice(0, SHOWN_ERRORS)
    .map((e) => `  row ${e.row}${e.column ? `, ${e.column}` : ""}: ${e.message}`);
  const more = total - shown.length;
  return `${shown.join("\n")}${more > 0 ? `\n  … and ${more.toLocaleString("en-GB")} more` : ""}`;
};

/** Prints the outcome; row errors mean nothing was imported and the command fails. */
const report = (result: ImportResult, json: boolean, label: string): void => {
  const { errorCount, ...summary } = result;
  const total = Math.max(errorCount, summary.errors.length);
  if (json) process.stdout.write(`${JSON.stringify({ ...summary, errorCount: total }, null, 2)}\n`);
  if (total > 0) {
    if (!json)
      process.stderr.write(
        `${total.toLocaleString("en-GB")} problem${total === 1 ? "" : "s"} in the file:\n${errorLines(summary.errors, total)}\n`,
      );
    throw new AppError(
      "invalid",
      `nothing imported: ${total.toLocaleString("en-GB")} problem${total === 1 ? "" : "s"} in the file`,
    );
  }
  if (!json) process.stdout.write(`${label}\n${summaryTable(result)}\n`);
};

/** The LAs a file holds, when the hub has not chosen its coverage: one line each, then the reason. */
const laOptionsOf = (err: unknown): { code: string; name: string | null; schools: number }[] | undefined => {
  if (!(err instanceof AppError) || typeof err.details !== "object" || err.details === null) return undefined;
  const options = (err.details as { laOptions?: unknown }).laOptions;
  return Array.isArray(options)
    ? (options as { code: string; name: string | null; schools: number }[])
    : undefined;
};

/** `tutti schools …`: imports into the schools register. */
export const registerSchoolCommands = (program: Command): void => {
  const schools = program.command("schools").description("the schools register");

  schools
    .command("import-gias")
    .argument("<file>", "a GIAS establishment extract (edubasealldata….csv)")
    .requiredOption("--hub <slug>", "the hub")
    .option("--la <codes>", "add these LA codes to the hub's coverage first, e.g. 207,206", parseLaCodes)
    .option("--json", "print the summary as JSON, and no progress bar")
    .description("import a GIAS extract into a hub's schools register (all or nothing)")
    .action(async (file: string, opts: { hub: string; la?: string[]; json?: boolean }) => {
      const size = await stat(file).then(
        (s) => (s.isFile() ? s.size : fail(`${file} is not a file`)),
        () => fail(`cannot read ${file}`),
      );
      await withRuntime(async (rt) => {
        const hub = await hubBySlug(rt, opts.hub);
        const ctx = contextFor(rt.deps, systemActor(hub));
        // loaded here: only this command draws a progress bar
        const cliProgress = opts.json ? undefined : (await import("cli-progress")).default;
        const bar = !cliProgress
          ? undefined
          : new cliProgress.SingleBar(
              {
                stream: process.stderr,
                format: "importing |{bar}| {percentage}% | {done}/{size} MB | {rows} rows",
                hideCursor: true,
                clearOnComplete: true,
              },
              cliProgress.Presets.shades_classic,
            );
        bar?.start(size, 0, { done: mb(0), size: mb(size), rows: 0 });
        const started = performance.now();
        let result: ImportResult;
        try {
          result = await importGias(ctx, {
            stream: createReadStream(file),
            fileName: path.basename(file),
            totalBytes: size,
            laCodes: opts.la,
            onProgress: (p) =>
              bar?.update(p.bytes, { done: mb(p.bytes), rows: p.rows.toLocaleString("en-GB") }),
          });
        } catch (err) {
          bar?.stop();
          const options = laOptionsOf(err);
          if (options && !opts.json) {
            process.stderr.write("local authorities in the file (import again with --la CODE,CODE):\n");
            for (const o of options)
              process.stderr.write(
                `  ${o.code}  ${o.name ?? "(no name)"}  ${o.schools.toLocaleString("en-GB")} school${o.schools === 1 ? "" : "s"}\n`,
              );
          } else if (options && opts.json) {
            process.stdout.write(
              `${JSON.stringify({ error: (err as Error).message, laOptions: options }, null, 2)}\n`,
            );
          }
          throw err;
        }
        bar?.stop();
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        report(result, opts.json ?? false, `imported ${path.basename(file)} into ${hub.slug} in ${secs} s`);
      });
    });

  schools
    .command("import-music-data")
    .argument("<file>", "a music-data CSV (the template from the Schools page, filled in)")
    .requiredOption("--hub <slug>", "the hub")
    .option("--json", "print the summary as JSON")
    .description("import schools' music figures from a CSV (all or nothing)")
    .action(async (file: string, opts: { hub: string; json?: boolean }) => {
      const body = await readFile(file).catch(() => fail(`cannot read ${file}`));
      if (body.length === 0) fail(`${file} is empty`);
      await withRuntime(async (rt) => {
        const hub = await hubBySlug(rt, opts.hub);
        const result = await importMusicData(contextFor(rt.deps, systemActor(hub)), {
          body,
          fileName: path.basename(file),
        });
        report(result, opts.json ?? false, `imported ${path.basename(file)} into ${hub.slug}`);
      });
    });
};
