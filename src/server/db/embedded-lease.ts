import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";

/**
 * Sharing one embedded PostgreSQL between processes (`tutti serve`, one-off commands, a second
 * `tutti serve`) through two things in DATA_DIR:
 * - `pg.lock`: held while a process creates, starts, restarts or stops the server, so two
 *   processes never do it at once (the second waits until the first's server accepts
 *   connections, then uses it);
 * - `pg-users/`: one lease file per process using the server. A process stops the server only
 *   when no other live process holds a lease. Liveness is the PID plus its start time (from
 *   /proc), so a recycled PID does not pass for the process that wrote the lease.
 */
const LOCK_WAIT_MS = 120_000;

export class EmbeddedLockTimeout extends Error {}

/** Runs fn holding DATA_DIR's PostgreSQL lock; `onWait` is told once if another process holds it. */
export const withEmbeddedLock = async <T>(
  dataDir: string,
  fn: () => Promise<T>,
  opts: { onWait?: () => void; log?: (line: string) => void } = {},
): Promise<T> => {
  const options = {
    lockfilePath: path.join(dataDir, "pg.lock"),
    realpath: false,
    // The holder refreshes the lock every 2 s; one not refreshed for 10 s was left by a crash.
    stale: 10_000,
    update: 2_000,
    onCompromised: (err: Error) => opts.log?.(`the PostgreSQL lock in DATA_DIR was lost: ${err.message}`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ELOCKED") throw err;
    opts.onWait?.();
    const attempts = LOCK_WAIT_MS / 200;
    try {
      release = await lockfile.lock(dataDir, {
        ...options,
        retries: { retries: attempts, factor: 1, minTimeout: 200, maxTimeout: 200 },
      });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "ELOCKED") throw again;
      throw new EmbeddedLockTimeout(
        `another Tutti process has been starting or stopping the embedded PostgreSQL of ${dataDir} for ${LOCK_WAIT_MS / 1000} s; stop it, or remove ${options.lockfilePath} if no Tutti process runs`,
      );
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
};

/** A process's start time (clock ticks since boot), to tell it from a later one with its PID. */
const startTimeOf = (pid: number): string => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? "";
  } catch {
    return "";
  }
};

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

type LeaseRecord = { pid: number; started: string };

export type Lease = { file: string; remove: () => void };

const leaseDir = (dataDir: string): string => path.join(dataDir, "pg-users");

/** Records that this process uses the embedded server of dataDir. */
export const addLease = (dataDir: string): Lease => {
  const dir = leaseDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${randomBytes(4).toString("hex")}.json`);
  const record: LeaseRecord = { pid: process.pid, started: startTimeOf(process.pid) };
  writeFileSync(file, JSON.stringify(record));
  return { file, remove: () => rmSync(file, { force: true }) };
};

const alive = (r: LeaseRecord): boolean =>
  pidAlive(r.pid) && (r.started === "" || startTimeOf(r.pid) === "" || startTimeOf(r.pid) === r.started);

/** Leases of live holders other than `except`; leases of processes that have gone are removed. */
export const otherLeases = (dataDir: string, except: Lease | undefined): string[] => {
  const dir = leaseDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (file === except?.file) continue;
    let record: LeaseRecord | undefined;
    try {
      record = JSON.parse(readFileSync(file, "utf8")) as LeaseRecord;
    } catch {
      record = undefined; // being written, or garbage: not a holder
    }
    if (record && alive(record)) live.push(file);
    else if (record) rmSync(file, { force: true });
  }
  return live;
};
