import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { inject } from "vitest";
import type { Role } from "../../shared/schemas/auth";
import { CSRF_HEADER, SESSION_COOKIE } from "../../shared/schemas/auth";
import { buildApp } from "../app";
import type { Config } from "../config";
import { createDb, type Db } from "../db/client";
import { partners, schools } from "../db/schema/index";
import { withDatabase } from "../db/sql-text";
import { appJobs } from "../jobs";
import { addUserToHub, createHub } from "../modules/hubs/hubs.service";
import { type Actor, systemActor } from "../platform/actor";
import type { Deps } from "../platform/context";
import { type JobRegistry, startWorker, type Worker } from "../platform/jobs";
import { createMailer } from "../platform/mailer";
import { createLocalFileStore } from "../platform/storage";

export const TEST_PASSWORD = "correct-horse-battery";

export type TestEnv = {
  app: FastifyInstance;
  deps: Deps;
  db: Db;
  pool: pg.Pool;
  /** The test database's connection string (for a second pool or worker). */
  url: string;
  /** The background worker, when the env was made with `worker`. */
  worker: Worker | undefined;
  close: () => Promise<void>;
};

export const testConfig = (dataDir: string, overrides: Partial<Config> = {}): Config => ({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  databaseUrl: undefined,
  sessionSecret: "test-secret-test-secret-test-secret-0123",
  smtpUrl: undefined,
  mailFrom: "Tutti <no-reply@tutti.invalid>",
  publicUrl: "http://tutti.test",
  env: "test",
  demoPassword: "tutti-demo-2026",
  sessionDays: 14,
  maxUploadBytes: 100 * 1024 * 1024,
  logLevel: "silent",
  trustProxy: false,
  ...overrides,
});

/** A fresh database (a copy of the migrated template) and an app on it, for one test file. */
export const createTestEnv = async (
  opts: {
    config?: Partial<Config>;
    clock?: () => Date;
    /** Runs a background worker on the test database (the app's jobs unless a registry is given). */
    worker?: boolean | JobRegistry;
  } = {},
): Promise<TestEnv> => {
  const adminUrl = inject("dbAdminUrl");
  const template = inject("dbTemplate");
  const name = `tutti_t_${process.ppid}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // The template must have no other sessions while it is copied: retry briefly if busy.
  for (let i = 0; ; i++) {
    try {
      await admin.query(`create database "${name}" template "${template}"`);
      break;
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
    }
  }
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => {}); // connections cut when the test database is dropped
  const db = createDb(pool);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tutti-test-data-"));
  const config = testConfig(dataDir, opts.config);
  const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const deps: Deps = {
    db,
    dbKind: inject("dbKind"),
    config,
    mailer,
    files: createLocalFileStore(path.join(dataDir, "files")),
    clock: opts.clock ?? (() => new Date()),
  };
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  const worker = opts.worker
    ? await startWorker(deps, opts.worker === true ? appJobs() : opts.worker, { url, pollIntervalMs: 500 })
    : undefined;
  return {
    app,
    deps,
    db,
    pool,
    url,
    worker,
    close: async () => {
      await worker?.stop();
      await app.close();
      mailer.close();
      await pool.end();
      await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * A second app on the same test database with a pool of its own, as a second server process
 * would have (its own connections, caches and in-process queues): for proving what only the
 * database decides. Agents of the first app carry over with `onApp`.
 */
export const secondApp = async (
  env: TestEnv,
): Promise<{ app: FastifyInstance; close: () => Promise<void> }> => {
  const pool = new pg.Pool({ connectionString: env.url, max: 10 });
  pool.on("error", () => {});
  const db = createDb(pool);
  const mailer = createMailer(db, { smtpUrl: env.deps.config.smtpUrl, from: env.deps.config.mailFrom });
  const app = await buildApp({ ...env.deps, db, mailer }, { serveWeb: false });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      mailer.close();
      await pool.end();
    },
  };
};

/** The same signed-in person, talking to another app (see `secondApp`). */
export const onApp = (agent: Agent, app: FastifyInstance): Agent => agentWith(app, agent.cookie, agent.csrf);

export type TestHub = {
  id: string;
  slug: string;
  name: string;
  actor: Actor;
  schoolId: string;
  partnerId: string;
  users: Record<Role, { id: string; email: string }>;
};

let hubCounter = 0;

/** A hub with one user per role (password TEST_PASSWORD), one school and one partner. */
export const seedHub = async (db: Db, label = `h${++hubCounter}`): Promise<TestHub> => {
  const slug = `${label}-${randomBytes(3).toString("hex")}`;
  const hub = await createHub(db, { name: `Hub ${label}`, slug, laCodes: ["931"] });
  const actor = systemActor(hub);
  const [school] = await db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: 100000 + Math.floor(Math.random() * 800000),
      laCode: "931",
      name: `School of ${label}`,
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  const [partner] = await db
    .insert(partners)
    .values({ hubId: hub.id, name: `Partner of ${label}` })
    .returning();
  if (!school || !partner) throw new Error("seed failed");
  const users = {} as Record<Role, { id: string; email: string }>;
  for (const role of ["hub_admin", "hub_staff", "school_user", "partner_user"] as const) {
    const email = `${role.replace("_", "-")}@${slug}.test`;
    const { user } = await addUserToHub(db, actor, {
      email,
      name: `${role} of ${label}`,
      role,
      password: TEST_PASSWORD,
      schoolId: role === "school_user" ? school.id : null,
      partnerId: role === "partner_user" ? partner.id : null,
    });
    users[role] = { id: user.id, email };
  }
  return { id: hub.id, slug, name: hub.name, actor, schoolId: school.id, partnerId: partner.id, users };
};

export type Agent = {
  cookie: string;
  csrf: string;
  request: (opts: {
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
};

const cookieFrom = (res: LightMyRequestResponse): string => {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return c ? `${SESSION_COOKIE}=${c.value}` : "";
};

/** An anonymous agent (no cookie). */
export const anonymous = (app: FastifyInstance): Agent => agentWith(app, "", "");

const agentWith = (app: FastifyInstance, cookie: string, csrf: string): Agent => {
  const request: Agent["request"] = ({ method, url, payload, headers }) =>
    app.inject({
      method,
      url,
      payload: payload as never,
      headers: { ...(cookie ? { cookie, [CSRF_HEADER]: csrf } : {}), ...(headers ?? {}) },
    });
  return {
    cookie,
    csrf,
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, payload) => request({ method: "POST", url, payload }),
    patch: (url, payload) => request({ method: "PATCH", url, payload }),
  };
};

/** Signs in through the API and returns an agent carrying the cookie and CSRF token. */
export const signInAs = async (
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Agent> => {
  const res = await app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  return agentWith(app, cookieFrom(res), (res.json() as { csrfToken: string }).csrfToken);
};

export const agentFromResponse = (app: FastifyInstance, res: LightMyRequestResponse): Agent =>
  agentWith(app, cookieFrom(res), (res.json() as { csrfToken: string }).csrfToken);

export const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), "tutti-test-"));
