// An explicit loop over the units: keep f of the old memory, write i of the candidate.
export function lstmCellUpdate(f: number[], i: number[], cPrev: number[], cand: number[]): number[] {
  const c: number[] = [];
  for (let k = 0; k < cPrev.length; k++) {
    const kept = f[k] * cPrev[k];
    const written = i[k] * cand[k];
    c.push(kept + written);
  }
  return c;
}
