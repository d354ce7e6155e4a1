// An explicit loop with the two weights named.
export function gruUpdate(z: number[], hPrev: number[], hTilde: number[]): number[] {
  const h = new Array<number>(z.length);
  for (let k = 0; k < z.length; k++) {
    const keep = 1 - z[k];
    h[k] = keep * hPrev[k] + z[k] * hTilde[k];
  }
  return h;
}
