import { spawn } from "node:child_process";
import { closeSync, fchownSync, openSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** PostgreSQL could not be started; the lines it wrote to its log meanwhile say why. */
export class EmbeddedStartError extends Error {
  constructor(
    message: string,
    readonly logFile: string,
    readonly logTail: string,
  ) {
    super(message);
  }
}

export type ServerFiles = {
  user: { uid: number; gid: number } | undefined;
  postgres: string;
  pgDir: string;
};

/** The server's settings: loopback only, no Unix socket, sized for a hub's traffic. */
const settings = (port: number): string[] => [
  "-p",
  String(port),
  ...[
    "listen_addresses=127.0.0.1",
    "unix_socket_directories=",
    "max_connections=200",
    "shared_buffers=128MB",
    "random_page_cost=1.1",
    "effective_cache_size=1GB",
  ].flatMap((s) => ["-c", s]),
];

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** What the log gained since `from` (the lines of this start, not of earlier ones). */
const logSince = (file: string, from: number, bytes = 4096): string => {
  try {
    return readFileSync(file).subarray(from).toString("utf8").slice(-bytes);
  } catch {
    return "";
  }
};

/** `postmaster.pid` line 8 once the postmaster takes connections (what `pg_ctl -w` reads). */
const readyPid = (pgDir: string): number | undefined => {
  try {
    const lines = readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
    return lines[7]?.trim() === "ready" ? Number(lines[0]) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Starts the postmaster itself, detached (its own session, as `pg_ctl start` does, so it outlives
 * this process and a Ctrl+C to it), its output appended to `server.log`, and waits until it
 * reports "ready" in postmaster.pid. `pg_ctl start -w` looks only every 100 ms; this looks every
 * 5 ms, which took ~70 ms off every start of the embedded server (decision 031).
 */
const launch = (files: ServerFiles, port: number, logFile: string, timeoutMs: number): Promise<void> => {
  const log = openSync(logFile, "a", 0o600);
  try {
    if (files.user) fchownSync(log, files.user.uid, files.user.gid);
    const child = spawn(files.postgres, ["-D", files.pgDir, ...settings(port)], {
      ...(files.user ?? {}),
      detached: true,
      stdio: ["ignore", log, log],
      env: { ...process.env, LC_ALL: "C", LANG: "C" },
    });
    child.unref();
    return new Promise<void>((resolve, reject) => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const finish = (err?: Error) => {
        clearTimeout(timer);
        child.removeAllListeners();
        if (err) reject(err);
        else resolve();
      };
      child.on("error", (err) => finish(new Error(`postgres could not be run: ${err.message}`)));
      child.on("exit", (code, signal) =>
        finish(new Error(`postgres stopped while starting (${signal ?? `exit code ${code}`})`)),
      );
      const look = () => {
        if (child.pid !== undefined && readyPid(files.pgDir) === child.pid) return finish();
        if (Date.now() - started > timeoutMs)
          return finish(new Error(`postgres did not become ready within ${timeoutMs / 1000} s`));
        timer = setTimeout(look, 5);
      };
      look();
    });
  } finally {
    closeSync(log);
  }
};

/**
 * Starts the server on `port`. Backends of a postmaster killed a moment ago may still hold its
 * shared memory: a start refused for that is tried again for a few seconds.
 */
export const startPostgres = async (files: ServerFiles, port: number, timeoutMs = 60_000): Promise<void> => {
  const logFile = path.join(files.pgDir, "server.log");
  for (let attempt = 0; ; attempt++) {
    const from = sizeOf(logFile);
    try {
      await launch(files, port, logFile, timeoutMs);
      return;
    } catch (err) {
      const logTail = logSince(logFile, from);
      if (attempt < 10 && /still in use|another server might be running/i.test(logTail)) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      throw new EmbeddedStartError((err as Error).message, logFile, logTail);
    }
  }
};

/**
 * Creates a database in a cluster that no server runs yet, with PostgreSQL's single-user mode
 * and fsync off, copying template1's files: ~40 ms where `CREATE DATABASE` through a started
 * server took ~110 ms (it writes template1 into the WAL and flushes it; decision 031). Only for
 * a cluster initdb has just made, whose files are all written to disk together afterwards.
 */
export const createDatabaseOffline = (files: ServerFiles, name: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) return reject(new Error(`invalid database name "${name}"`));
    const child = spawn(files.postgres, ["--single", "-F", "-D", files.pgDir, "template1"], {
      ...(files.user ?? {}),
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C", LANG: "C" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const failed = /\bERROR:|\bFATAL:/.exec(output);
      if (code === 0 && !failed) return resolve();
      const why = failed ? output.slice(failed.index).split("\n")[0] : (signal ?? `exit code ${code}`);
      reject(new Error(`could not create the database "${name}": ${why}`));
    });
    child.stdin.end(`CREATE DATABASE "${name}" STRATEGY FILE_COPY\n`);
  });
