export function lstmCellUpdate(f: number[], i: number[], cPrev: number[], cand: number[]): number[] {
  return cPrev.map((c, k) => Math.tanh(f[k] * c + i[k] * cand[k]));
}
