import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, seedHub, type TestEnv, tempDir } from "../testing/harness";
import { backupDatabase, RestoreRefused, restoreDatabase } from "./backup";

let source: TestEnv;
let target: TestEnv;
const dir = tempDir();

beforeAll(async () => {
  source = await createTestEnv();
  target = await createTestEnv();
});
afterAll(async () => {
  await source.close();
  await target.close();
});

const snapshot = async (env: TestEnv) => {
  const q = async (sql: string) => (await env.pool.query(sql)).rows;
  return {
    hubs: await q("select id, name, slug, la_codes from hubs order by id"),
    users: await q("select id, email, name, password_hash from users order by id"),
    memberships: await q(
      "select id, user_id, hub_id, role, school_id, partner_id, active from memberships order by id",
    ),
    schools: await q("select id, urn, name from schools order by id"),
    audit: await q("select id, action, entity, entity_id, before, after from audit_log order by id"),
  };
};

describe("backup and restore", () => {
  it("a restored copy holds the same data, and identities carry on after it", async () => {
    await seedHub(source.db, "bk1");
    await seedHub(source.db, "bk2");
    const file = path.join(dir, "tutti.backup.gz");
    const written = await backupDatabase(source.pool, file);
    expect(existsSync(file)).toBe(true);
    expect(written.rows).toBeGreaterThan(10);
    const restored = await restoreDatabase(target.pool, file, { force: false });
    expect(restored.rows).toBe(written.rows);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    // new audit entries get fresh ids after the restored ones
    await seedHub(target.db, "after");
    const ids = (await target.pool.query<{ id: number }>("select id from audit_log order by id")).rows.map(
      (r) => Number(r.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses to overwrite data without force, and leaves it as it was", async () => {
    const file = path.join(dir, "tutti.backup.gz");
    const before = await snapshot(target);
    await expect(restoreDatabase(target.pool, file, { force: false })).rejects.toBeInstanceOf(RestoreRefused);
    expect(await snapshot(target)).toEqual(before);
    await restoreDatabase(target.pool, file, { force: true });
    expect(await snapshot(target)).toEqual(await snapshot(source));
  });

  it("refuses a file that is not a backup, changing nothing", async () => {
    const before = await snapshot(target);
    await expect(restoreDatabase(target.pool, path.join(dir, "missing.gz"), { force: true })).rejects.toThrow(
      /does not exist/,
    );
    expect(await snapshot(target)).toEqual(before);
  });
});
