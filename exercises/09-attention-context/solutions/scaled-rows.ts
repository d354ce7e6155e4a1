// Scale every encoder state by its weight, then add the scaled states up.
export function attentionContext(weights: number[], encoder: number[][]): number[] {
  const scaled = encoder.map((row, t) => row.map((h) => weights[t] * h));
  return scaled.reduce((acc, row) => acc.map((c, j) => c + row[j]));
}
