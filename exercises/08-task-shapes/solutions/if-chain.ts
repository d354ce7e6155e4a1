// Batch first; a time axis unless one prediction is made per sequence; then the features.
export function outputShape(
  task: "many-to-many" | "many-to-one" | "bidirectional",
  dims: { B: number; T: number; V: number; H: number },
): number[] {
  if (task === "many-to-one") return [dims.B, dims.V];
  const features = task === "bidirectional" ? 2 * dims.H : dims.V;
  return [dims.B, dims.T, features];
}
