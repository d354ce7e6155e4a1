import type { Rng } from "../../grader/rng";

/**
 * A random cell (input and hidden sizes independent, so a mixed-up d_x or d_h is caught) fed a
 * few inputs, with a reset now and then and reads of h and c.
 */
export default function generate(rng: Rng): unknown[] {
  const dx = rng.int(1, 4);
  const dh = rng.int(1, 4);
  const steps: unknown[] = [{ new: [rng.matrix(4 * dh, dx + dh, -1, 1)] }];
  const n = rng.int(2, 6);
  for (let t = 0; t < n; t++) {
    const roll = rng.int(0, 9);
    if (roll === 0) steps.push({ call: "reset" });
    else if (roll === 1) steps.push({ get: rng.int(0, 1) === 0 ? "h" : "c" });
    // Sometimes large inputs, which saturate the gates.
    else steps.push({ call: "step", args: [rng.vector(dx, roll === 2 ? -6 : -2, roll === 2 ? 6 : 2)] });
  }
  steps.push({ call: "step", args: [rng.vector(dx, -2, 2)] });
  return steps;
}
