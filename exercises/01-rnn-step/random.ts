import type { Rng } from "../../grader/rng";

/**
 * A random step with independent input and hidden sizes, so a transposed Wxh is caught. One case
 * in five has inputs hundreds of times larger, so the pre-activations reach the hundreds and
 * beyond, where tanh written out with Math.exp overflows (Infinity / Infinity = NaN).
 */
export default function generate(rng: Rng): unknown[] {
  const dx = rng.int(1, 6);
  const dh = rng.int(1, 6);
  const scale = rng.next() < 0.2 ? rng.pick([200, 1000]) : 1;
  return [
    rng.vector(dx, -2 * scale, 2 * scale),
    rng.vector(dh, -1, 1),
    rng.matrix(dh, dx, -0.8, 0.8),
    rng.matrix(dh, dh, -0.8, 0.8),
    rng.vector(dh, -0.5, 0.5),
  ];
}
