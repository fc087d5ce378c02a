import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGiasCsv } from "../modules/schools/gias/gias-fixtures";
import { CHILD_TEST_TIMEOUT, runTutti, tempDataDir } from "../testing/child-tutti";

/**
 * The one-off commands through the real `tutti` entry, in a child process on its own DATA_DIR:
 * the packages only some commands need (the progress bar, COPY streams) load when those run.
 */
let data: ReturnType<typeof tempDataDir>;
beforeAll(() => {
  data = tempDataDir();
});
afterAll(() => data.remove());

const tutti = async (args: string[]) => {
  const child = runTutti(args, { DATA_DIR: data.dir });
  const code = await child.exited;
  return { code, out: child.output() };
};

describe("tutti commands", () => {
  it(
    "imports a GIAS extract with its progress bar, backs the database up and restores it",
    async () => {
      expect((await tutti(["hub", "create", "--name", "Wenlow Music Hub", "--slug", "wenlow"])).code).toBe(0);
      const extract = path.join(data.dir, "extract.csv");
      writeFileSync(
        extract,
        buildGiasCsv([
          { URN: "880001", "LA (code)": "873", EstablishmentName: "Wenlow Brook Primary School" },
          { URN: "880002", "LA (code)": "873", EstablishmentName: "Wenlow Hill Academy" },
        ]),
      );
      const imported = await tutti(["schools", "import-gias", extract, "--hub", "wenlow", "--la", "873"]);
      expect(imported.code, imported.out).toBe(0);
      expect(imported.out).toMatch(/imported extract\.csv into wenlow/);
      expect(imported.out).toMatch(/created +2\n/);

      const backup = path.join(data.dir, "backup.gz");
      const backedUp = await tutti(["db", "backup", backup]);
      expect(backedUp.code, backedUp.out).toBe(0);
      expect(backedUp.out).toMatch(/backup written to .*backup\.gz: \d+ tables, \d+ rows/);

      const refused = await tutti(["db", "restore", backup]);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toMatch(/already holds data; add --force/);
      const restored = await tutti(["db", "restore", backup, "--force"]);
      expect(restored.code, restored.out).toBe(0);
      expect(restored.out).toMatch(/restored \d+ tables, \d+ rows/);
      const listed = await tutti(["hub", "list"]);
      expect(listed.out).toContain("wenlow");
    },
    CHILD_TEST_TIMEOUT * 2,
  );
});
