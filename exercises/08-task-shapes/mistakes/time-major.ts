export function outputShape(
  task: "many-to-many" | "many-to-one" | "bidirectional",
  dims: { B: number; T: number; V: number; H: number },
): number[] {
  if (task === "many-to-many") return [dims.T, dims.B, dims.V];
  if (task === "many-to-one") return [dims.B, dims.V];
  return [dims.T, dims.B, 2 * dims.H];
}
