import type { Rng } from "../../grader/rng";

/** Independent gates in (0, 1), a candidate in (-1, 1) and an unbounded previous cell. */
export default function generate(rng: Rng): unknown[] {
  const d = rng.int(1, 12);
  return [rng.vector(d, 0, 1), rng.vector(d, 0, 1), Array.from({ length: d }, () => rng.normal(2)), rng.vector(d, -1, 1)];
}
