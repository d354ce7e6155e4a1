import type { Rng } from "../../grader/rng";

/**
 * A gradient at any scale from 1e-200 to 1e200, with a threshold near its norm (about √n times
 * the scale), so it is clipped about half of the time: a norm computed as √(Σ g²) overflows or
 * underflows at the extreme scales.
 */
export default function generate(rng: Rng): unknown[] {
  const length = rng.int(1, 20);
  const spread = rng.pick([1e-200, 1e-3, 0.1, 1, 10, 1000, 1e200]);
  const g = Array.from({ length }, () => rng.normal(spread));
  return [g, spread * Math.sqrt(length) * rng.float(0.5, 2)];
}
