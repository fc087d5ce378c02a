import { type Column, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/**
 * Inserts many rows in ONE statement with ONE parameter: the rows as a JSON array, which
 * PostgreSQL expands with `json_populate_recordset` into the table's own row type. Drizzle's
 * `insert().values(rows)` sends one parameter per field (30,000 for 500 schools) and builds the
 * statement field by field in Node; this builds one JSON text. For the demo hub's ~400 schools,
 * 2,000 music rows and their audit entries it took a fresh start's demo load from ~1.1 s to
 * ~0.3 s (decision 014). Use it for seeded or generated data in bulk (the demo, fixtures);
 * ordinary requests keep Drizzle's insert.
 *
 * Every row must give the same fields (a field left out of all rows takes the column default;
 * one left out of some rows only would be NULL, so it is refused). Values are written as Drizzle
 * would write them (dates, arrays, numerics), json/jsonb columns as the JSON value itself.
 * `returning` names the fields (table keys) to read back (match them to the rows by a field,
 * not by position).
 */
export const insertRows = async <T extends PgTable, K extends keyof T["$inferSelect"] & string = never>(
  db: DbOrTx,
  table: T,
  rows: T["$inferInsert"][],
  returning: readonly K[] = [],
): Promise<Pick<T["$inferSelect"], K>[]> => {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  const first = rows[0] as Record<string, unknown>;
  const given = (row: Record<string, unknown>) => Object.keys(columns).filter((k) => row[k] !== undefined);
  const keys = given(first);
  const json = JSON.stringify(
    rows.map((row) => {
      const r = row as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      if (given(r).length !== keys.length)
        throw new Error(`insertRows(${getTableName(table)}): every row must give the same fields`);
      for (const key of keys) {
        const value = r[key];
        const column = columns[key];
        if (value === undefined || !column)
          throw new Error(`insertRows(${getTableName(table)}): every row must give "${key}"`);
        out[column.name] =
          value === null || column.dataType === "json" ? value : column.mapToDriverValue(value);
      }
      return out;
    }),
  );
  const name = (key: string) => sql.identifier(columns[key]?.name ?? key);
  const list = sql.join(keys.map(name), sql`, `);
  const back = returning.length
    ? sql` returning ${sql.join(
        returning.map((k) => sql`${name(k)} as ${sql.identifier(k)}`),
        sql`, `,
      )}`
    : sql``;
  const result = await db.execute(
    sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${json}::json)${back}`,
  );
  // read back as Drizzle reads them (dates, bigints in number mode), not as pg's raw text
  return result.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const k of returning) {
      const value = (row as Record<string, unknown>)[k];
      const column = columns[k];
      out[k] = value === null || value === undefined || !column ? value : column.mapFromDriverValue(value);
    }
    return out as Pick<T["$inferSelect"], K>;
  });
};
