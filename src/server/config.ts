import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { passwordProblem } from "../shared/rules/password-rule";

/**
 * TRUST_PROXY: how many proxies in front of Tutti (a hop count) or which addresses are proxies
 * (comma-separated IPs or CIDR ranges). Unset: none, so `X-Forwarded-For` is never believed.
 */
const isAddressOrRange = (item: string): boolean => {
  const [address = "", prefix, ...rest] = item.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
};
const TrustProxy = z
  .string()
  .trim()
  .transform((v, ctx): number | string[] => {
    if (/^\d+$/.test(v)) return Number(v);
    const items = v
      .split(",")
      .map((i) => i.trim())
      .filter(Boolean);
    if (items.length && items.every(isAddressOrRange)) return items;
    ctx.addIssue({
      code: "custom",
      message: "must be a number of proxies (e.g. 1) or a comma-separated list of addresses or CIDR ranges",
    });
    return z.NEVER;
  });

/**
 * The only reader of process.env. Everything is validated at start-up; a bad value stops
 * start-up with a one-line message naming the variable.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Tutti <no-reply@tutti.invalid>"),
  PUBLIC_URL: z.url("must be a URL such as https://tutti.example.org").optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DEMO_PASSWORD: z
    .string()
    .default("tutti-demo-2026")
    .superRefine((v, ctx) => {
      const problem = passwordProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(100),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  TRUST_PROXY: TrustProxy.optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  env: "development" | "production" | "test";
  demoPassword: string;
  sessionDays: number;
  maxUploadBytes: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Fastify's `trustProxy`: false (the default), a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[];
};

export class ConfigError extends Error {}

const emptyToUndefined = (env: NodeJS.ProcessEnv): Record<string, string | undefined> => {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === "" ? undefined : v;
  return out;
};

/** Reads and validates the environment. Throws ConfigError with a one-line message. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = EnvSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue ? String(issue.path[0] ?? "environment") : "environment";
    throw new ConfigError(`${name}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    env: e.NODE_ENV,
    demoPassword: e.DEMO_PASSWORD,
    sessionDays: e.SESSION_DAYS,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    // Request logs in production; only warnings in a developer's terminal.
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "production" ? "info" : "warn"),
    trustProxy: e.TRUST_PROXY === undefined || e.TRUST_PROXY === 0 ? false : e.TRUST_PROXY,
  };
};

/** DATA_DIR as loadConfig resolves it, for naming it when loading the config failed. */
export { dataDirOf } from "./data-dir";

/** SESSION_SECRET, when absent, is generated once and kept in the data dir. */
const readOrCreateSecret = (dataDir: string): string => {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
};
