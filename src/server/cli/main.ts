import { Command, InvalidArgumentError } from "commander";
import { passwordProblem } from "../../shared/rules/password-rule";
import { Email, Role } from "../../shared/schemas/auth";
import { LaCode, Slug } from "../../shared/schemas/hubs";
import { ConfigError } from "../config";
import { backupDatabase, RestoreRefused, restoreDatabase } from "../db/backup";
import { migrateDatabase } from "../db/client";
import { isDatabaseEmpty, loadDemo } from "../demo/demo";
import { authRepository } from "../modules/auth/auth.repository";
import { createResetLink, issueInvitation } from "../modules/auth/auth.service";
import { hubsRepository } from "../modules/hubs/hubs.repository";
import { addUserToHub, createHub } from "../modules/hubs/hubs.service";
import { systemActor } from "../platform/actor";
import { AppError } from "../platform/errors";
import { openRuntime, type Runtime } from "../runtime";
import { registerSchoolCommands } from "./schools-commands";

/** A one-line reason on stderr and a non-zero exit: every command fails this way. */
export const fail = (message: string): never => {
  process.stderr.write(`tutti: ${message}\n`);
  process.exit(1);
};

const errorMessage = (err: unknown): string => {
  if (err instanceof AppError || err instanceof ConfigError || err instanceof RestoreRefused)
    return err.message;
  if (err instanceof Error) return err.message.split("\n")[0] ?? "failed";
  return String(err);
};

/** Runs a command with an open runtime, and always closes it. */
export const withRuntime = async <T>(
  fn: (rt: Runtime) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> => {
  let rt: Runtime | undefined;
  try {
    rt = await openRuntime({ migrate: opts.migrate });
    return await fn(rt);
  } catch (err) {
    await rt?.close().catch(() => {});
    rt = undefined;
    return fail(errorMessage(err));
  } finally {
    await rt?.close().catch(() => {});
  }
};

const parseWith =
  <T>(schema: {
    safeParse: (
      v: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  }) =>
  (value: string): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new InvalidArgumentError(r.error.issues[0]?.message ?? "invalid");
    return r.data;
  };

export const parseLaCodes = (value: string): string[] => {
  const codes = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const c of codes)
    if (!LaCode.safeParse(c).success)
      throw new InvalidArgumentError(`"${c}" is not an LA code (3 digits, e.g. 207)`);
  return codes;
};

export const hubBySlug = async (rt: Runtime, slug: string) => {
  const hub = await hubsRepository(rt.deps.db).bySlug(slug);
  if (!hub) throw new AppError("not_found", `No hub with the slug "${slug}"`);
  return hub;
};

export const buildCli = (): Command => {
  const program = new Command();
  program
    .name("tutti")
    .description("Tutti: the workspace for Music Education Hubs")
    .exitOverride((err) => {
      if (
        err.code === "commander.helpDisplayed" ||
        err.code === "commander.version" ||
        err.code === "commander.help"
      )
        process.exit(0);
      process.exit(err.exitCode || 1);
    });

  program
    .command("serve")
    .description("start the web app and API (embedded PostgreSQL unless DATABASE_URL is set)")
    .option("--demo", "load the fictional demo hub into a fresh database (never in production)")
    .option("--no-worker", "do not run background jobs here (run `tutti worker` instead)")
    .action(async (opts: { demo?: boolean; worker: boolean }) => {
      try {
        // Loaded only here: the web server's packages (Fastify and its plugins) would add
        // ~0.5 s to every other command (decision 014).
        const { serve } = await import("./serve");
        await serve({ demo: opts.demo ?? false, worker: opts.worker });
      } catch (err) {
        fail(errorMessage(err));
      }
    });

  program
    .command("worker")
    .description(
      "run only the background jobs (e-mail, imports, schedules), beside `tutti serve --no-worker`",
    )
    .option("--concurrency <n>", "jobs run at the same time", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 32)
        throw new InvalidArgumentError("a whole number from 1 to 32");
      return n;
    })
    .action(async (opts: { concurrency?: number }) => {
      try {
        const { worker } = await import("./worker");
        await worker({ concurrency: opts.concurrency });
      } catch (err) {
        fail(errorMessage(err));
      }
    });

  const db = program.command("db").description("database commands");
  db.command("migrate")
    .description("apply the committed migrations")
    .action(() =>
      withRuntime(
        async (rt) => {
          await migrateDatabase(rt.database.pool);
          process.stdout.write(`migrations applied (${rt.database.kind} database)\n`);
        },
        { migrate: false },
      ),
    );
  db.command("backup")
    .argument("<file>", "where to write the backup (gzip)")
    .description("write a consistent backup of the database to FILE")
    .action((file: string) =>
      withRuntime(async (rt) => {
        const r = await backupDatabase(rt.database.pool, file);
        process.stdout.write(`backup written to ${file}: ${r.tables} tables, ${r.rows} rows\n`);
      }),
    );
  db.command("restore")
    .argument("<file>", "a backup written by `tutti db backup`")
    .option("--force", "replace the data the database already holds")
    .description("restore the database from FILE")
    .action((file: string, opts: { force?: boolean }) =>
      withRuntime(async (rt) => {
        const r = await restoreDatabase(rt.database.pool, file, { force: opts.force ?? false });
        process.stdout.write(`restored ${r.tables} tables, ${r.rows} rows from ${file}\n`);
      }),
    );

  const hub = program.command("hub").description("hubs");
  hub
    .command("create")
    .requiredOption("--name <name>", "the hub's name")
    .requiredOption("--slug <slug>", "short name for URLs and commands, e.g. northshire", parseWith(Slug))
    .option("--la <codes>", "LA codes the hub covers, comma separated, e.g. 207,206", parseLaCodes)
    .description("create a hub")
    .action((opts: { name: string; slug: string; la?: string[] }) =>
      withRuntime(async (rt) => {
        const created = await createHub(rt.deps.db, {
          name: opts.name,
          slug: opts.slug,
          laCodes: opts.la ?? [],
        });
        process.stdout.write(`hub created: ${created.name} (${created.slug})\n`);
      }),
    );
  hub
    .command("list")
    .description("list the hubs")
    .action(() =>
      withRuntime(async (rt) => {
        for (const h of await hubsRepository(rt.deps.db).all())
          process.stdout.write(`${h.slug}\t${h.name}\n`);
      }),
    );

  const user = program.command("user").description("people");
  user
    .command("reset-link")
    .requiredOption("--email <email>", "their e-mail address", parseWith(Email))
    .description("print a one-time link that sets a new password (for when no SMTP is configured)")
    .action((opts: { email: string }) =>
      withRuntime(async (rt) => {
        const found = await authRepository(rt.deps.db).userByEmail(opts.email);
        if (!found) throw new AppError("not_found", `No account for ${opts.email}`);
        process.stdout.write(
          `password reset link for ${found.email}: ${await createResetLink(rt.deps, found)}\n`,
        );
      }),
    );
  user
    .command("create")
    .requiredOption("--hub <slug>", "the hub")
    .requiredOption("--email <email>", "their e-mail address", parseWith(Email))
    .requiredOption("--role <role>", "hub_admin, hub_staff, school_user or partner_user", parseWith(Role))
    .option("--name <name>", "their name")
    .option("--password <password>", "set a password now; without it an invitation link is printed")
    .description("add a person to a hub")
    .action((opts: { hub: string; email: string; role: Role; name?: string; password?: string }) =>
      withRuntime(async (rt) => {
        if (opts.role === "school_user" || opts.role === "partner_user")
          throw new AppError(
            "invalid",
            `${opts.role} must be bound to a school or partner: invite them from the Users page`,
          );
        const problem = opts.password === undefined ? undefined : passwordProblem(opts.password, opts.email);
        if (problem) throw new AppError("invalid", `--password: ${problem}`);
        const h = await hubBySlug(rt, opts.hub);
        const actor = systemActor(h);
        const name = opts.name ?? opts.email.split("@")[0] ?? opts.email;
        const { user, needsPassword } = await addUserToHub(rt.deps.db, actor, {
          email: opts.email,
          name,
          role: opts.role,
          password: opts.password,
        });
        if (needsPassword) {
          const link = await issueInvitation(rt.deps, {
            userId: user.id,
            email: user.email,
            name: user.name,
            hubId: h.id,
            hubName: h.name,
            role: opts.role,
            invitedBy: null,
            existingAccount: false,
            madeByThisHub: false,
          });
          process.stdout.write(
            `user created: ${user.email} (${opts.role}) in ${h.slug}\ninvitation link: ${link}\n`,
          );
        } else {
          process.stdout.write(`user created: ${user.email} (${opts.role}) in ${h.slug}\n`);
        }
      }),
    );

  program
    .command("demo")
    .description("load the fictional demo hub into an empty database")
    .action(() =>
      withRuntime(async (rt) => {
        if (!(await isDatabaseEmpty(rt.deps.db)))
          throw new Error("the database already holds data; the demo is only loaded into an empty one");
        await loadDemo(rt.deps.db, { password: rt.config.demoPassword, env: rt.config.env });
        process.stdout.write(
          `demo hub loaded; sign in with the demo accounts and the password ${rt.config.demoPassword}\n`,
        );
      }),
    );

  registerSchoolCommands(program);
  return program;
};

export const runCli = async (argv: string[]): Promise<void> => {
  await buildCli().parseAsync(argv);
};
