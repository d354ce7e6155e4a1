import type { Rng } from "../../grader/rng";

/** One padded sequence: real tokens first, then padding holding arbitrary finite losses. */
export default function generate(rng: Rng): unknown[] {
  const length = rng.int(1, 40);
  const real = rng.next() < 0.1 ? 0 : rng.int(1, length);
  const padValue = rng.pick(["zero", "noise", "large"]);
  const losses = Array.from({ length }, (_, t) => {
    if (t < real) return rng.float(0, 5);
    if (padValue === "zero") return 0;
    return padValue === "noise" ? rng.float(-10, 10) : rng.float(100, 1000);
  });
  const mask = Array.from({ length }, (_, t) => (t < real ? 1 : 0));
  return [losses, mask];
}
