import { describe, expect, it } from "vitest";
import { createRng } from "./prng.ts";

describe("createRng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it("is pinned: mulberry32 with seed 1 starts with known values", () => {
    const rng = createRng(1);
    expect(rng.next()).toBeCloseTo(0.6270739405881613, 12);
    expect(rng.next()).toBeCloseTo(0.002735721180215478, 12);
  });

  it("next() stays in [0, 1) and is roughly uniform", () => {
    const rng = createRng(7);
    const buckets = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      const b = Math.floor(x * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("int() covers both ends of the range and nothing outside it", () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const x = rng.int(201, 205);
      expect(Number.isInteger(x)).toBe(true);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([201, 202, 203, 204, 205]);
    expect(rng.int(9, 9)).toBe(9);
  });

  it("pick() returns members and rejects an empty list", () => {
    const rng = createRng(5);
    const items = ["nursery", "primary", "secondary"] as const;
    for (let i = 0; i < 100; i++) expect(items).toContain(rng.pick(items));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it("weighted() follows the weights and never returns a zero-weight item", () => {
    const rng = createRng(11);
    const counts = { a: 0, b: 0, c: 0 };
    const items = [
      ["a", 1],
      ["b", 3],
      ["c", 0],
    ] as const;
    for (let i = 0; i < 40_000; i++) counts[rng.weighted(items)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    expect(() => rng.weighted([["x", 0]])).toThrow(RangeError);
    expect(() => rng.weighted([["x", -1]])).toThrow(RangeError);
  });

  it("normal() has about the asked mean and standard deviation", () => {
    const rng = createRng(13);
    const n = 50_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal(100, 15);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    expect(mean).toBeGreaterThan(99.5);
    expect(mean).toBeLessThan(100.5);
    expect(sd).toBeGreaterThan(14.5);
    expect(sd).toBeLessThan(15.5);
  });

  it("chance() is true about p of the time", () => {
    const rng = createRng(17);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (rng.chance(0.25)) hits++;
    expect(hits / 20_000).toBeGreaterThan(0.23);
    expect(hits / 20_000).toBeLessThan(0.27);
  });
});
