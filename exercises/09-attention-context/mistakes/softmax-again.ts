export function attentionContext(weights: number[], encoder: number[][]): number[] {
  const max = Math.max(...weights);
  const exps = weights.map((w) => Math.exp(w - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const d = encoder[0].length;
  const context: number[] = new Array(d).fill(0);
  for (let t = 0; t < encoder.length; t++) {
    for (let j = 0; j < d; j++) context[j] += (exps[t] / total) * encoder[t][j];
  }
  return context;
}
