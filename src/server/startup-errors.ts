import { statSync } from "node:fs";
import path from "node:path";
import { EmbeddedStartError } from "./db/embedded";
import { EmbeddedLockTimeout } from "./db/embedded-lease";

/**
 * Start-up failures told in one line that names the cause: a full disk, a DATA_DIR that cannot
 * be created or written, a port in use, PostgreSQL refusing to start (with the path of its log).
 */
export class StartupError extends Error {}

export type StartupContext = {
  dataDir: string;
  port?: number;
  host?: string;
};

type Errno = Error & { code?: string; path?: string; syscall?: string };

const inside = (file: string, dir: string): boolean => {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** The first part of `file`'s path that exists and is not a folder. */
const fileInTheWay = (file: string): string | undefined => {
  let p = file;
  for (;;) {
    const parent = path.dirname(p);
    if (parent === p) return undefined;
    p = parent;
    try {
      if (!statSync(p).isDirectory()) return p;
      return undefined;
    } catch {
      // does not exist: look further up
    }
  }
};

const diskFull = (text: string) => /No space left on device|ENOSPC/i.test(text);
const readOnly = (text: string) => /Read-only file system|EROFS/i.test(text);

const firstLine = (text: string): string => text.split("\n")[0]?.trim() ?? "";

export const describeStartupError = (err: unknown, ctx: StartupContext): string => {
  if (err instanceof StartupError) return err.message;
  const dataDir = ctx.dataDir;
  const e = (err instanceof Error ? err : new Error(String(err))) as Errno;

  if (e.syscall === "listen" || e.code === "EADDRINUSE") {
    const where = `port ${ctx.port ?? "?"} on ${ctx.host ?? "127.0.0.1"}`;
    if (e.code === "EADDRINUSE")
      return `${where} is already in use by another program; stop it or set PORT to a free port`;
    if (e.code === "EACCES")
      return `${where} may not be used by this user (ports below 1024 need privileges); set PORT to 1024 or above`;
    if (e.code === "EADDRNOTAVAIL") return `HOST ${ctx.host ?? ""} is not an address of this machine`;
  }

  if (err instanceof EmbeddedStartError) {
    const log = `see PostgreSQL's log: ${err.logFile}`;
    if (diskFull(err.logTail) || diskFull(err.message))
      return `no space left on DATA_DIR ${dataDir} (${log})`;
    if (readOnly(err.logTail) || readOnly(err.message)) return `DATA_DIR ${dataDir} is read-only (${log})`;
    return `the embedded PostgreSQL did not start: ${firstLine(err.message)} (${log})`;
  }
  if (err instanceof EmbeddedLockTimeout) return err.message;

  const file = typeof e.path === "string" ? path.resolve(e.path) : undefined;
  const ours = file === undefined || inside(file, dataDir);
  const cannot = `DATA_DIR ${dataDir} cannot be created or written`;
  switch (e.code) {
    case "ENOSPC":
      return `no space left on DATA_DIR ${dataDir}`;
    case "EDQUOT":
      return `no space left on DATA_DIR ${dataDir} (disk quota exceeded)`;
    case "EROFS":
      if (ours) return `DATA_DIR ${dataDir} is read-only`;
      break;
    case "EACCES":
    case "EPERM":
      if (ours) return `${cannot}: permission denied on ${file ?? dataDir}`;
      break;
    case "ENOTDIR":
      if (ours) return `${cannot}: ${fileInTheWay(file ?? dataDir) ?? file} is a file, not a folder`;
      break;
    case "ENOENT":
      if (ours) return `${cannot}: ${file} does not exist`;
      break;
  }
  // initdb and pg_ctl report in their own words
  if (diskFull(e.message)) return `no space left on DATA_DIR ${dataDir}`;
  if (readOnly(e.message)) return `DATA_DIR ${dataDir} is read-only`;
  return firstLine(e.message) || "failed to start";
};
