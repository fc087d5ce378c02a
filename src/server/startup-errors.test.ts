import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedStartError } from "./db/embedded";
import { describeStartupError } from "./startup-errors";

const tmp = mkdtempSync(path.join(os.tmpdir(), "tutti-startup-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const dataDir = path.join(tmp, "data");

const errno = (code: string, file: string, syscall = "open") =>
  Object.assign(new Error(`${code}: some system text, ${syscall} '${file}'`), { code, path: file, syscall });

describe("start-up errors in one line", () => {
  it("a full disk while writing in DATA_DIR", () => {
    expect(
      describeStartupError(errno("ENOSPC", path.join(dataDir, "pg-password"), "write"), { dataDir }),
    ).toBe(`no space left on DATA_DIR ${dataDir}`);
  });

  it("a full disk that stopped PostgreSQL names its log", () => {
    const log = path.join(dataDir, "pg", "server.log");
    const err = new EmbeddedStartError(
      "pg_ctl failed: waiting for server to start.... stopped waiting",
      log,
      'FATAL:  could not write to file "pg_wal/xlogtemp.42": No space left on device\n',
    );
    expect(describeStartupError(err, { dataDir })).toBe(
      `no space left on DATA_DIR ${dataDir} (see PostgreSQL's log: ${log})`,
    );
    expect(
      describeStartupError(new Error("initdb failed: could not write file: No space left on device"), {
        dataDir,
      }),
    ).toBe(`no space left on DATA_DIR ${dataDir}`);
  });

  it("PostgreSQL refusing to start for another reason names its log", () => {
    const log = path.join(dataDir, "pg", "server.log");
    const err = new EmbeddedStartError(
      "pg_ctl failed: could not start server\nExamine the log output.",
      log,
      "",
    );
    expect(describeStartupError(err, { dataDir })).toBe(
      `the embedded PostgreSQL did not start: pg_ctl failed: could not start server (see PostgreSQL's log: ${log})`,
    );
  });

  it("a read-only DATA_DIR", () => {
    expect(describeStartupError(errno("EROFS", path.join(dataDir, "session-secret")), { dataDir })).toBe(
      `DATA_DIR ${dataDir} is read-only`,
    );
    expect(describeStartupError(errno("EACCES", dataDir, "mkdir"), { dataDir })).toBe(
      `DATA_DIR ${dataDir} cannot be created or written: permission denied on ${dataDir}`,
    );
  });

  it("a DATA_DIR whose path runs through a file", () => {
    const file = path.join(tmp, "a-file");
    writeFileSync(file, "x");
    const under = path.join(file, "deeper", "data");
    expect(describeStartupError(errno("ENOTDIR", under, "mkdir"), { dataDir: under })).toBe(
      `DATA_DIR ${under} cannot be created or written: ${file} is a file, not a folder`,
    );
  });

  it("a port in use", () => {
    const err = Object.assign(new Error("listen EADDRINUSE: address already in use 127.0.0.1:3000"), {
      code: "EADDRINUSE",
      syscall: "listen",
    });
    expect(describeStartupError(err, { dataDir, port: 3000, host: "127.0.0.1" })).toBe(
      "port 3000 on 127.0.0.1 is already in use by another program; stop it or set PORT to a free port",
    );
  });

  it("anything else keeps its own first line", () => {
    expect(
      describeStartupError(new Error("SESSION_SECRET: must be at least 32 characters\nmore"), { dataDir }),
    ).toBe("SESSION_SECRET: must be at least 32 characters");
  });
});
