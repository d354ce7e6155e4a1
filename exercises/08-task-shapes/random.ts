import type { Rng } from "../../grader/rng";

/** Any task with independent sizes, so that mixing up two axes changes the answer. */
export default function generate(rng: Rng): unknown[] {
  const task = rng.pick(["many-to-many", "many-to-one", "bidirectional"] as const);
  return [task, { B: rng.int(1, 64), T: rng.int(1, 256), V: rng.int(2, 50000), H: rng.int(1, 1024) }];
}
