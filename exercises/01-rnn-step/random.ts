import type { Rng } from "../../grader/rng";

/** A random step with independent input and hidden sizes, so a transposed Wxh is caught. */
export default function generate(rng: Rng): unknown[] {
  const dx = rng.int(1, 6);
  const dh = rng.int(1, 6);
  return [
    rng.vector(dx, -2, 2),
    rng.vector(dh, -1, 1),
    rng.matrix(dh, dx, -0.8, 0.8),
    rng.matrix(dh, dh, -0.8, 0.8),
    rng.vector(dh, -0.5, 0.5),
  ];
}
