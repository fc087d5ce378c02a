/**
 * A small, fast, seeded pseudo-random number generator (mulberry32) for generated data: the
 * benchmark's national GIAS extract and the demo data. The same seed always gives the same
 * sequence, on every platform, so generated data sets are reproducible.
 *
 * Not for anything secret: use `node:crypto` for tokens and passwords.
 */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One value, with probability proportional to its weight (weights ≥ 0, at least one > 0). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A normally distributed float (Box–Muller). */
  normal(mean: number, sd: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
};

export const createRng = (seed: number): Rng => {
  let state = seed >>> 0;
  let spareNormal: number | null = null;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => {
    const lo = Math.ceil(Math.min(min, max));
    const hi = Math.floor(Math.max(min, max));
    return lo + Math.floor(next() * (hi - lo + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("pick() needs at least one item");
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of items) {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weight ${weight} is not ≥ 0`);
      total += weight;
    }
    if (total <= 0) throw new RangeError("weighted() needs at least one positive weight");
    let r = next() * total;
    for (const [value, weight] of items) {
      if (r < weight) return value;
      r -= weight;
    }
    // Rounding can leave r a hair above the last weight: return the last positive item.
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (item && item[1] > 0) return item[0];
    }
    throw new RangeError("unreachable");
  };

  const normal = (mean: number, sd: number): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  };

  const chance = (p: number): boolean => next() < p;

  return { next, int, pick, weighted, normal, chance };
};
