/**
 * LSTM cell-state update, element by element: c = f ⊙ cPrev + i ⊙ cand.
 * f and i are gate values in [0, 1]; cPrev is not bounded.
 */
export function lstmCellUpdate(f: number[], i: number[], cPrev: number[], cand: number[]): number[] {
  // TODO: keep f[k] of the old memory cPrev[k] and write i[k] of the candidate cand[k]
  return cPrev.map((c) => c);
}
