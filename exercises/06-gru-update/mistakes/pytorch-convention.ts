export function gruUpdate(z: number[], hPrev: number[], hTilde: number[]): number[] {
  return hPrev.map((h, k) => z[k] * h + (1 - z[k]) * hTilde[k]);
}
