import type { Rng } from "../../grader/rng";

/** Update gates in (0, 1) and states in (-1, 1), as a tanh RNN produces them. */
export default function generate(rng: Rng): unknown[] {
  const d = rng.int(1, 12);
  return [rng.vector(d, 0, 1), rng.vector(d, -1, 1), rng.vector(d, -1, 1)];
}
