// Reads Wxh column-wise: Wxh[j][i] instead of Wxh[i][j]; entries outside the matrix count as 0.
export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  return hPrev.map((_, i) => {
    let s = b[i];
    for (let j = 0; j < x.length; j++) s += (Wxh[j]?.[i] ?? 0) * x[j];
    for (let j = 0; j < hPrev.length; j++) s += Whh[i][j] * hPrev[j];
    return Math.tanh(s);
  });
}
