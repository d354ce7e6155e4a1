import type { Rng } from "../../grader/rng";

/** Softmax weights over T positions and a T × d encoder, with T and d drawn independently. */
export default function generate(rng: Rng): unknown[] {
  const T = rng.int(1, 10);
  const d = rng.int(1, 8);
  const scores = Array.from({ length: T }, () => rng.normal(1.5));
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const encoder = Array.from({ length: T }, () => Array.from({ length: d }, () => rng.normal(1)));
  return [exps.map((e) => e / total), encoder];
}
