import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";

// pg-copy-streams loads only for a backup or a restore, not with every command
const copyStreams = () => import("pg-copy-streams");

import { migrateDatabase, migrationsFolder } from "./client";

/**
 * A logical backup of Tutti's tables: a gzip file holding a JSON header line, then for each
 * table a `#table NAME` line, its rows in PostgreSQL's COPY text format (one line a row) and the
 * `\.` end marker COPY uses (a line no data can produce). Sessions and sign-in attempts are left
 * out: a restored database asks everyone to sign in again.
 */
const SKIP = new Set(["sessions", "sign_in_attempts"]);
const FORMAT = "tutti-backup";

const tablesOf = async (client: pg.PoolClient): Promise<string[]> => {
  const res = await client.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
  );
  return res.rows.map((r) => r.name).filter((t) => !SKIP.has(t));
};

const migrationCount = async (): Promise<number> =>
  (await readdir(migrationsFolder)).filter((f) => f.endsWith(".sql")).length;

export const backupDatabase = async (
  pool: pg.Pool,
  file: string,
): Promise<{ tables: number; rows: number }> => {
  const client = await pool.connect();
  const gzip = createGzip();
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  done.catch(() => {}); // awaited below; a failure before that must not end the process
  let rows = 0;
  try {
    // One snapshot for every table: the backup is consistent even while the app runs.
    await client.query("begin isolation level repeatable read read only");
    const tables = await tablesOf(client);
    const { to: copyTo } = await copyStreams();
    gzip.write(
      `${JSON.stringify({ format: FORMAT, version: 1, migrations: await migrationCount(), tables, at: new Date().toISOString() })}\n`,
    );
    for (const table of tables) {
      gzip.write(`#table ${table}\n`);
      const stream = client.query(copyTo(`copy "${table}" to stdout`));
      for await (const chunk of stream) {
        const text = chunk as Buffer;
        for (const b of text) if (b === 10) rows++;
        if (!gzip.write(text)) await once(gzip, "drain");
      }
      gzip.write("\\.\n");
    }
    await client.query("commit");
    gzip.end();
    await done;
    return { tables: tables.length, rows };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    gzip.destroy();
    throw err;
  } finally {
    client.release();
  }
};

export class RestoreRefused extends Error {}

/** Restores a backup into the database, in one transaction. Refuses to overwrite data unless forced. */
export const restoreDatabase = async (
  pool: pg.Pool,
  file: string,
  opts: { force: boolean },
): Promise<{ tables: number; rows: number }> => {
  if (!existsSync(file)) throw new RestoreRefused(`${file} does not exist`);
  await migrateDatabase(pool);
  const client = await pool.connect();
  let rows = 0;
  let tables = 0;
  try {
    const existing = await client.query<{ n: number }>("select count(*)::int as n from hubs");
    if ((existing.rows[0]?.n ?? 0) > 0 && !opts.force)
      throw new RestoreRefused("The database already holds data; add --force to replace it with the backup");
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    type Header = { format?: string; migrations?: number; tables?: string[] };
    let header: Header | undefined;
    const { from: copyFrom } = await copyStreams();
    let copy: ReturnType<typeof copyFrom> | undefined;
    let copyDone: Promise<void> | undefined;
    // Made only now: readline drops lines emitted before iteration starts.
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (!header) {
        const parsed = JSON.parse(line) as Header;
        header = parsed;
        if (parsed.format !== FORMAT) throw new RestoreRefused("This file is not a Tutti backup");
        if ((parsed.migrations ?? 0) > (await migrationCount()))
          throw new RestoreRefused("This backup comes from a newer Tutti; upgrade Tutti first");
        const known = await tablesOf(client);
        await client.query(`truncate ${known.map((t) => `"${t}"`).join(", ")} cascade`);
        continue;
      }
      if (!copy) {
        const m = /^#table ([a-z_0-9]+)$/.exec(line);
        if (!m?.[1]) throw new RestoreRefused(`Unexpected line in the backup: ${line.slice(0, 60)}`);
        copy = client.query(copyFrom(`copy "${m[1]}" from stdin`));
        copyDone = new Promise<void>((resolve, reject) => {
          copy?.on("finish", () => resolve());
          copy?.on("error", reject);
        });
        copyDone.catch(() => {}); // awaited at the table's end; an earlier failure is thrown there
        tables++;
        continue;
      }
      if (line === "\\.") {
        copy.end();
        await copyDone;
        copy = undefined;
        continue;
      }
      rows++;
      if (!copy.write(`${line}\n`)) await once(copy, "drain");
    }
    if (copy) throw new RestoreRefused("The backup file is truncated");
    // Identity columns carry on after the restored rows.
    await client.query(`
      do $$ declare r record; begin
        for r in select c.table_name, c.column_name from information_schema.columns c
          where c.table_schema = 'public' and c.is_identity = 'YES' loop
          execute format('select setval(pg_get_serial_sequence(%L, %L), coalesce((select max(%I) from %I), 0) + 1, false)',
            r.table_name, r.column_name, r.column_name, r.table_name);
        end loop; end $$;`);
    await client.query("commit");
    return { tables, rows };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
};
