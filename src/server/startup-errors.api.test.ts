import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHILD_TEST_TIMEOUT, freePort, runTutti, tempDataDir } from "./testing/child-tutti";

const data = tempDataDir();
afterAll(() => data.remove());

describe("start-up errors name their cause in one line", () => {
  it(
    "a DATA_DIR that cannot be created (a file stands in its path)",
    async () => {
      const file = path.join(data.dir, "a-file");
      writeFileSync(file, "not a folder");
      const dataDir = path.join(file, "data");
      const child = runTutti(["serve"], { DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(await child.exited).toBe(1);
      const lines = child.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(
        `tutti: DATA_DIR ${dataDir} cannot be created or written: ${file} is a file, not a folder`,
      );
    },
    CHILD_TEST_TIMEOUT,
  );

  it(
    "a port already in use",
    async () => {
      const port = await freePort();
      const taken: Server = createServer();
      await new Promise<void>((r) => taken.listen(port, "127.0.0.1", () => r()));
      try {
        const child = runTutti(["serve"], { DATA_DIR: data.dir, PORT: String(port) });
        expect(await child.exited).toBe(1);
        const lines = child.stderr().trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toBe(
          `tutti: port ${port} on 127.0.0.1 is already in use by another program; stop it or set PORT to a free port`,
        );
      } finally {
        taken.close();
      }
    },
    CHILD_TEST_TIMEOUT,
  );
});
