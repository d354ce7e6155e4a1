// Accumulates into a Float64Array, column by column, and converts back to a plain array.
export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  const s = Float64Array.from(b);
  x.forEach((xj, j) => Wxh.forEach((row, i) => (s[i] += row[j] * xj)));
  hPrev.forEach((hk, k) => Whh.forEach((row, i) => (s[i] += row[k] * hk)));
  return Array.from(s, Math.tanh);
}
