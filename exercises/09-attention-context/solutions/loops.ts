// Accumulate w_t · h_t row by row into a zero vector.
export function attentionContext(weights: number[], encoder: number[][]): number[] {
  const d = encoder[0].length;
  const context: number[] = new Array(d).fill(0);
  for (let t = 0; t < encoder.length; t++) {
    for (let j = 0; j < d; j++) context[j] += weights[t] * encoder[t][j];
  }
  return context;
}
