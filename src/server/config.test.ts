import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const dir = () => mkdtempSync(path.join(os.tmpdir(), "tutti-config-"));

describe("configuration", () => {
  it("has working defaults: port 3000, embedded database, a secret kept in the data dir", () => {
    const dataDir = dir();
    const c = loadConfig({ DATA_DIR: dataDir });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sessionSecret).toHaveLength(64);
    expect(readFileSync(path.join(dataDir, "session-secret"), "utf8")).toBe(c.sessionSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(c.sessionSecret);
    expect(c.publicUrl).toBe("http://localhost:3000");
  });

  it.each([
    [{ PORT: "abc" }, /^PORT: /],
    [{ PORT: "70000" }, /^PORT: /],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL: must start with postgres:\/\//],
    [{ SMTP_URL: "http://mail" }, /^SMTP_URL: must start with smtp:\/\//],
    [{ PUBLIC_URL: "not a url" }, /^PUBLIC_URL: must be a URL/],
    [{ SESSION_SECRET: "short" }, /^SESSION_SECRET: must be at least 32 characters/],
    [{ NODE_ENV: "staging" }, /^NODE_ENV: /],
    [{ TRUST_PROXY: "true" }, /^TRUST_PROXY: must be a number of proxies/],
    [{ TRUST_PROXY: "10.0.0.0/33" }, /^TRUST_PROXY: /],
    [{ TRUST_PROXY: "proxy.example" }, /^TRUST_PROXY: /],
    [{ DEMO_PASSWORD: "tutti-demo" }, /^DEMO_PASSWORD: Use at least 12 characters/],
    [{ DEMO_PASSWORD: "password12345" }, /^DEMO_PASSWORD: .*common passwords/],
  ])("stops on a bad value with a one-line message naming it: %o", (env, message) => {
    const run = () => loadConfig({ DATA_DIR: dir(), ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });

  it("treats empty variables as unset and never writes a secret when one is given", () => {
    const dataDir = dir();
    const c = loadConfig({ DATA_DIR: dataDir, PORT: "", SESSION_SECRET: "x".repeat(40) });
    expect(c.port).toBe(3000);
    expect(existsSync(path.join(dataDir, "session-secret"))).toBe(false);
  });

  it("trusts no proxy unless TRUST_PROXY says how many or which", () => {
    expect(loadConfig({ DATA_DIR: dir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: "10.0.0.0/8, 192.0.2.7,::1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "192.0.2.7",
      "::1",
    ]);
  });

  it("has a demo password that passes the password rule", () => {
    expect(loadConfig({ DATA_DIR: dir() }).demoPassword).toBe("tutti-demo-2026");
  });
});
