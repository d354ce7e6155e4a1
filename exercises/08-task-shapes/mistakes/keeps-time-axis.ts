export function outputShape(
  task: "many-to-many" | "many-to-one" | "bidirectional",
  dims: { B: number; T: number; V: number; H: number },
): number[] {
  if (task === "many-to-many" || task === "many-to-one") return [dims.B, dims.T, dims.V];
  return [dims.B, dims.T, 2 * dims.H];
}
