import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../testing/harness";
import { planEmbedded, runningServer, startEmbedded, stopEmbedded } from "./embedded";

const dataDir = tempDir();
afterAll(async () => {
  await stopEmbedded(dataDir).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

const query = async (url: string, sql: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
};

describe("the embedded PostgreSQL server", () => {
  it("starts, is found again instead of started twice, and keeps data across restarts", async () => {
    const first = await startEmbedded({ dataDir });
    expect(first.startedHere).toBe(true);
    await query(first.url(), "create table kept (v text); insert into kept values ('still here')");
    // A second start on the same data dir (another process, or after the app crashed) reuses it.
    const second = await startEmbedded({ dataDir });
    expect(second.startedHere).toBe(false);
    expect(second.port).toBe(first.port);
    await first.stop();
    expect(runningServer(path.join(dataDir, "pg"))).toBeUndefined();
    const third = await startEmbedded({ dataDir });
    expect(await query(third.url(), "select v from kept")).toEqual([{ v: "still here" }]);
    await third.stop();
  });

  it("recovers after the server itself was killed with -9", async () => {
    const s = await startEmbedded({ dataDir });
    const running = runningServer(path.join(dataDir, "pg"));
    expect(running).toBeDefined();
    execFileSync("kill", ["-9", String(running?.pid)]);
    await new Promise((r) => setTimeout(r, 300));
    // children may linger briefly; the next start must still succeed
    for (let i = 0; i < 20 && runningServer(path.join(dataDir, "pg")); i++)
      await new Promise((r) => setTimeout(r, 200));
    const again = await startEmbedded({ dataDir });
    expect(await query(again.url(), "select v from kept")).toEqual([{ v: "still here" }]);
    await again.stop();
    expect(s.startedHere).toBe(true);
  });

  it("answers where it was planned, or elsewhere when the planned port was taken meanwhile", async () => {
    const dir = tempDir();
    try {
      // planned before the cluster exists, as `tutti serve` does while initdb runs
      const plan = await planEmbedded(dir);
      const started = await startEmbedded({ dataDir: dir });
      expect(started.url("tutti")).toBe(plan.url("tutti"));
      expect(await query(plan.url("tutti"), "select current_database() as db")).toEqual([{ db: "tutti" }]);
      await started.stop();

      const again = await planEmbedded(dir);
      const port = Number(new URL(again.url()).port);
      const squatter = createServer();
      await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
      try {
        const moved = await startEmbedded({ dataDir: dir });
        expect(moved.port).not.toBe(port);
        expect(moved.url()).not.toBe(again.url());
        await moved.stop();
      } finally {
        squatter.close();
      }
    } finally {
      await stopEmbedded(dir).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
