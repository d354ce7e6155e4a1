/**
 * Output shape of a batch-first RNN:
 * "many-to-many" → [B, T, V], "many-to-one" → [B, V], "bidirectional" → [B, T, 2H].
 */
export function outputShape(
  task: "many-to-many" | "many-to-one" | "bidirectional",
  dims: { B: number; T: number; V: number; H: number },
): number[] {
  // TODO: after the batch axis, add the time and feature axes that `task` produces
  return [dims.B];
}
