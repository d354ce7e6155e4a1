export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  return Wxh.map((row, i) => {
    let s = b[i];
    for (let j = 0; j < x.length; j++) s += row[j] * x[j];
    return Math.tanh(s);
  });
}
