export function gruUpdate(z: number[], hPrev: number[], hTilde: number[]): number[] {
  return hPrev.map((h, k) => (1 - z[k]) * h + hTilde[k]);
}
