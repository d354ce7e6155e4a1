// Computes encoder · weights: row t dotted with the weight vector (missing entries count as 0).
export function attentionContext(weights: number[], encoder: number[][]): number[] {
  return encoder.map((row) => row.reduce((s, v, j) => s + v * (weights[j] ?? 0), 0));
}
