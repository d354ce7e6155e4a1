// The seeded generator handed to an exercise's random.ts. Same seed → same cases, so a
// learner's failing random case can be replayed with `npm run grade -- <slug> <file> --seed N`.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Standard normal scaled by `scale` (Box–Muller). */
  normal(scale?: number): number;
  vector(length: number, min?: number, max?: number): number[];
  matrix(rows: number, cols: number, min?: number, max?: number): number[][];
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for test data (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const float = (min: number, max: number) => min + (max - min) * next();
  const rng: Rng = {
    next,
    float,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: (scale = 1) => scale * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    vector: (length, min = -1, max = 1) => Array.from({ length }, () => float(min, max)),
    matrix: (rows, cols, min = -1, max = 1) => Array.from({ length: rows }, () => rng.vector(cols, min, max)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
  return rng;
}

/** The seed of random case `index` within a submission seeded with `seed`. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

/** A fresh submission seed. */
export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
