export function attentionContext(weights: number[], encoder: number[][]): number[] {
  // One component per feature j: the weighted sum over positions t of encoder[t][j].
  const d = encoder[0].length;
  return Array.from({ length: d }, (_, j) => encoder.reduce((sum, row, t) => sum + weights[t] * row[j], 0));
}
