import { describe, expect, it } from "vitest";
import { oneAtATime } from "./one-at-a-time";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("oneAtATime", () => {
  it("runs work for one key in turn, in the order asked, and other keys alongside", async () => {
    const queue = oneAtATime();
    const log: string[] = [];
    const job = (key: string, name: string) =>
      queue(key, async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job("a", "a1"), job("a", "a2"), job("b", "b1"), job("a", "a3")]);
    expect(results).toEqual(["a1", "a2", "b1", "a3"]);
    const a = log.filter((l) => l.includes(" a"));
    expect(a).toEqual(["start a1", "end a1", "start a2", "end a2", "start a3", "end a3"]);
    // b1 started before a1 ended: another key does not wait.
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });

  it("goes on with the next after a failure, and the failure reaches its caller", async () => {
    const queue = oneAtATime();
    const first = queue("k", async () => {
      throw new Error("refused");
    });
    const second = queue("k", async () => "served");
    await expect(first).rejects.toThrow("refused");
    await expect(second).resolves.toBe("served");
  });
});
