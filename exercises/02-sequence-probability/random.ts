import type { Rng } from "../../grader/rng";

/** Mostly short sequences, sometimes a long one whose product gets tiny (or underflows). */
export default function generate(rng: Rng): unknown[] {
  const length = rng.next() < 0.2 ? rng.int(300, 1500) : rng.int(1, 40);
  return [rng.vector(length, 0.05, 1)];
}
