export function attentionContext(weights: number[], encoder: number[][]): number[] {
  const d = encoder[0].length;
  const context: number[] = new Array(d).fill(0);
  for (const row of encoder) {
    for (let j = 0; j < d; j++) context[j] += row[j] / encoder.length;
  }
  return context;
}
