import type { Rng } from "../../grader/rng";

/**
 * A padded batch (real tokens first, padding holding arbitrary finite losses), per-step
 * gradients of varying scale (sometimes 1e200, where squaring overflows), sigmoid gate values
 * (sometimes within 1e-4 of a threshold) and a shortMax splitting the batch. Steps and gates are
 * each sometimes absent, independently.
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
  const spread = rng.pick([0.1, 1, 10, 1e200]);
  const dim = rng.int(1, 6);
  const steps = rng.next() < 0.2 ? 0 : rng.int(1, T);
  const stepGradients = Array.from({ length: steps }, () => Array.from({ length: dim }, () => rng.normal(spread)));
  const gate = () => {
    const r = rng.next();
    if (r < 0.1) return rng.pick([0.05, 0.95]) + rng.float(-1e-4, 1e-4);
    return 1 / (1 + Math.exp(-rng.normal(3)));
  };
  const gates = Array.from({ length: rng.next() < 0.1 ? 0 : rng.int(1, 60) }, gate);
  return [{ losses, mask, stepGradients, gates, shortMax: rng.int(0, T) }];
}
