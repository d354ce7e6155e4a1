export function outputShape(
  task: "many-to-many" | "many-to-one" | "bidirectional",
  dims: { B: number; T: number; V: number; H: number },
): number[] {
  switch (task) {
    case "many-to-many":
      return [dims.B, dims.T, dims.V];
    case "many-to-one":
      return [dims.B, dims.V];
    case "bidirectional":
      return [dims.B, dims.T, 2 * dims.H];
  }
}
