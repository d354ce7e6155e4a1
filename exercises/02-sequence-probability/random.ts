import type { Rng } from "../../grader/rng";

/**
 * Mostly short sequences; sometimes a long one whose product gets tiny (or underflows), and
 * sometimes a few extremely unlikely tokens (down to 1e-300), where an epsilon or a clamp
 * inside the log shows.
 */
export default function generate(rng: Rng): unknown[] {
  const length = rng.next() < 0.2 ? rng.int(300, 1500) : rng.int(1, 40);
  const probs = rng.vector(length, 0.05, 1);
  if (rng.next() < 0.2) {
    for (let k = rng.int(1, 3); k > 0; k--) probs[rng.int(0, length - 1)] = 10 ** -rng.int(20, 300);
  }
  return [probs];
}
