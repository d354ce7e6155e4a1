import type { Rng } from "../../grader/rng";

/** A scale near 1 (sometimes negative) and a time distance of up to 100 steps. */
export default function generate(rng: Rng): unknown[] {
  const magnitude = rng.float(0.5, 1.5);
  const scale = rng.next() < 0.2 ? -magnitude : magnitude;
  return [scale, rng.int(0, 100)];
}
