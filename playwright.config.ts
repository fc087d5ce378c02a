import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { SMTPServer } from "smtp-server";

/**
 * The journey runs against a real server on a fresh data directory with demo data.
 * The config is evaluated by the runner and again by each worker: the port and data dir are chosen
 * once, in the runner, and handed on through the environment. TUTTI_E2E_BASE_URL set from outside
 * means "use that server" (no server is started).
 */
const external = process.env.TUTTI_E2E_BASE_URL && !process.env.TUTTI_E2E_PORT;

const freePort = (): string =>
  execFileSync(
    process.execPath,
    [
      "-e",
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ],
    { encoding: "utf8" },
  ).trim();

if (!external && !process.env.TUTTI_E2E_PORT) {
  process.env.TUTTI_E2E_PORT = freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "tutti-e2e-"));
  process.env.TUTTI_E2E_DATA_DIR = dataDir;
  process.env.TUTTI_E2E_BASE_URL = `http://127.0.0.1:${process.env.TUTTI_E2E_PORT}`;
  // A real SMTP peer for the server's mail, in the runner: each message lands as a file that
  // specs read (TUTTI_E2E_MAIL_DIR), e.g. the CPD waiting-list promotion.
  const mailDir = join(dataDir, "smtp-received");
  mkdirSync(mailDir, { recursive: true });
  process.env.TUTTI_E2E_MAIL_DIR = mailDir;
  process.env.TUTTI_E2E_SMTP_PORT = freePort();
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        writeFileSync(
          join(mailDir, `${++received}.eml`),
          `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString("utf8")}`,
        );
        cb();
      });
    },
  });
  smtp.listen(Number(process.env.TUTTI_E2E_SMTP_PORT), "127.0.0.1");
  smtp.server.unref();
  // The runner exits after the web server has been stopped: only then is the data dir free to go.
  process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
}

const baseURL = process.env.TUTTI_E2E_BASE_URL ?? "http://127.0.0.1:3000";
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: ci ? [["list"], ["html", { open: "never" }]] : [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", channel: undefined } }],
  webServer: external
    ? undefined
    : {
        // The built server, as `npm start` runs it; build.mjs builds only what is stale.
        command: "node scripts/build.mjs && node dist/server/tutti.js serve --demo",
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "ignore",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
        env: {
          PORT: process.env.TUTTI_E2E_PORT ?? "",
          DATA_DIR: process.env.TUTTI_E2E_DATA_DIR ?? "",
          PUBLIC_URL: baseURL,
          SMTP_URL: `smtp://127.0.0.1:${process.env.TUTTI_E2E_SMTP_PORT ?? "25"}`,
          NODE_ENV: "test",
        },
      },
});
