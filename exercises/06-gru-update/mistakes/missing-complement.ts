export function gruUpdate(z: number[], hPrev: number[], hTilde: number[]): number[] {
  return hPrev.map((h, k) => h + z[k] * hTilde[k]);
}
