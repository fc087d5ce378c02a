import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopEmbedded } from "../db/embedded";
import { freePort } from "../db/embedded-ports";

/**
 * The real `tutti` command in a child process (fault tests: kill things, run two at once).
 * The child gets its own DATA_DIR and never the test run's DATABASE_URL, so it starts (or
 * finds) the embedded PostgreSQL of that folder.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const entry = path.join(root, "src/server/testing/run-cli.ts");

export type ChildTutti = {
  proc: ChildProcess;
  /** stdout and stderr so far. */
  output: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the child has exited. */
  exited: Promise<number | null>;
  /** Waits until the output matches. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  stop: () => Promise<void>;
};

/**
 * `script`: the file to run, run-cli.ts by default; a TypeScript one through tsx, a built one
 * (dist/server/tutti.js, a bundle a test made) with plain Node.
 */
export const runTutti = (args: string[], env: Record<string, string>, script: string = entry): ChildTutti => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", ...env };
  delete childEnv.DATABASE_URL;
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const proc = spawn(process.execPath, [...loader, script, ...args], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const waitFor = async (pattern: RegExp, ms = 45_000): Promise<RegExpMatchArray> => {
    const until = Date.now() + ms;
    for (;;) {
      const m = out.match(pattern);
      if (m) return m;
      if (done || Date.now() > until)
        throw new Error(`no ${pattern} in the output of tutti ${args.join(" ")}:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    proc,
    output: () => out,
    stderr: () => err,
    exited,
    waitFor,
    stop: async () => {
      if (done) return;
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
};

/** Starts `tutti serve` and waits until it listens; returns its base URL as well. */
export const serveTutti = async (env: Record<string, string>): Promise<ChildTutti & { base: string }> => {
  const child = runTutti(["serve"], env);
  const m = await child.waitFor(/Tutti is running at (http:\/\/\S+) /);
  return { ...child, base: m[1] ?? "" };
};

/** A free port for a child's server (the one the embedded server's own choice uses). */
export { freePort };

/** GET a path; status and JSON body (or undefined), never throwing on a refused connection. */
export const getJson = async (
  url: string,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  } catch {
    return { status: 0, body: undefined };
  }
};

/** Asks `/api/health` of a starting child until it answers 200 (its output if it never does). */
export const firstHealth = async (child: ChildTutti, base: string, ms = 100_000): Promise<void> => {
  const until = Date.now() + ms;
  while ((await getJson(`${base}/api/health`)).status !== 200) {
    if (child.proc.exitCode !== null || Date.now() > until) throw new Error(`no health:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Signs in as the demo hub's admin (the demo password every start prints). */
export const signInDemoAdmin = (base: string): Promise<Response> =>
  fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@northshire-hub.example", password: "tutti-demo-2026" }),
  });

/** The PID of the embedded PostgreSQL postmaster of a DATA_DIR (from postmaster.pid). */
export const postmasterPid = (dataDir: string): number =>
  Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

/** A temporary DATA_DIR, and the clean-up that stops its PostgreSQL and removes it. */
export const tempDataDir = (): { dir: string; remove: () => Promise<void> } => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tutti-fault-"));
  return {
    dir,
    remove: async () => {
      await stopEmbedded(dir).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * Timeout of a test that runs `tutti` in child processes. Each takes well under 30 s on a quiet
 * machine (see the report in docs/decisions/012); the margin is for a machine shared by others.
 */
export const CHILD_TEST_TIMEOUT = 90_000;
