import type { Rng } from "../../grader/rng";

/** A gradient whose norm is as often below the threshold as above it, sometimes far above. */
export default function generate(rng: Rng): unknown[] {
  const length = rng.int(1, 20);
  const spread = rng.pick([0.1, 1, 10, 1000]);
  const g = Array.from({ length }, () => rng.normal(spread));
  return [g, rng.float(0.5, 5)];
}
