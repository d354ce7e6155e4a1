// tanh written out in the form that cannot overflow: 1 − 2 / (e^{2s} + 1) is 1 when e^{2s} is
// Infinity and −1 when it underflows to 0.
function tanh(s: number): number {
  return 1 - 2 / (Math.exp(2 * s) + 1);
}

export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  const h: number[] = [];
  for (let i = 0; i < b.length; i++) {
    let s = b[i];
    for (let j = 0; j < x.length; j++) s += Wxh[i][j] * x[j];
    for (let k = 0; k < hPrev.length; k++) s += Whh[i][k] * hPrev[k];
    h.push(tanh(s));
  }
  return h;
}
