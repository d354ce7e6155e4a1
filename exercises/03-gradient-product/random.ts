import type { Rng } from "../../grader/rng";

/**
 * A scale near 1 (sometimes negative, sometimes exactly 0) and a time distance of up to 100
 * steps, sometimes exactly 0: 0 steps give 1 whatever the scale, 0⁰ included.
 */
export default function generate(rng: Rng): unknown[] {
  const magnitude = rng.next() < 0.1 ? 0 : rng.float(0.5, 1.5);
  const scale = rng.next() < 0.2 ? -magnitude : magnitude;
  return [scale, rng.next() < 0.1 ? 0 : rng.int(1, 100)];
}
