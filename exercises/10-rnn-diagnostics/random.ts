import type { Rng } from "../../grader/rng";

/**
 * A padded batch (real tokens first, padding holding arbitrary finite losses), per-step
 * gradients of varying scale, sigmoid gate values and a shortMax splitting the batch.
 */
export default function generate(rng: Rng): unknown[] {
  const B = rng.int(1, 5);
  const T = rng.int(1, 12);
  const losses: number[][] = [];
  const mask: number[][] = [];
  for (let b = 0; b < B; b++) {
    const length = rng.next() < 0.1 ? 0 : rng.int(1, T);
    losses.push(Array.from({ length: T }, (_, t) => (t < length ? rng.float(0, 5) : rng.pick([0, rng.float(-50, 50)]))));
    mask.push(Array.from({ length: T }, (_, t) => (t < length ? 1 : 0)));
  }
  const spread = rng.pick([0.1, 1, 10]);
  const dim = rng.int(1, 6);
  const stepGradients = Array.from({ length: rng.int(0, T) }, () => Array.from({ length: dim }, () => rng.normal(spread)));
  const gates = Array.from({ length: rng.int(0, 60) }, () => 1 / (1 + Math.exp(-rng.normal(3))));
  return [{ losses, mask, stepGradients, gates, shortMax: rng.int(0, T) }];
}
