/**
 * The "parse speed" baseline for the GIAS import benchmark: how fast readGiasExtract streams a
 * file, with no database work at all.
 *
 *   npx tsx bench/parse-gias.ts bench/out/edubasealldata.csv
 *
 * Prints rows (valid and with errors), wall time, rows/s, MB/s and the peak RSS of the process.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { readGiasExtract } from "../src/server/modules/schools/gias/gias-reader.ts";

const main = async (): Promise<void> => {
  const file = process.argv[2];
  if (file === undefined) throw new Error("usage: npx tsx bench/parse-gias.ts FILE");
  const { size } = await stat(file);

  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let ok = 0;
  let bad = 0;
  let firstError: string | null = null;
  let progressCalls = 0;
  for await (const result of readGiasExtract(createReadStream(file), { onProgress: () => progressCalls++ })) {
    if (result.ok) ok++;
    else {
      bad++;
      firstError ??= `row ${result.row}: ${result.errors.map((e) => e.message).join("; ")}`;
    }
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const rows = ok + bad;
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

  console.log(`file        ${file} (${(size / 1e6).toFixed(1)} MB, ${progressCalls} chunks)`);
  console.log(`rows        ${rows} (${ok} valid, ${bad} with errors)`);
  console.log(`wall        ${Math.round(ms)} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)`);
  console.log(`rows/s      ${Math.round(rows / (ms / 1000))}`);
  console.log(`MB/s        ${(size / 1e6 / (ms / 1000)).toFixed(1)}`);
  console.log(`peak RSS    ${peakRssMb.toFixed(0)} MB`);
  if (firstError !== null) console.log(`first error ${firstError}`);
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
