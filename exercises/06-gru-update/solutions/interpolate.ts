// The same blend written as a step from hPrev towards hTilde: h + z·(h̃ − h). States lie in
// [−1, 1], so the subtraction loses nothing that matters at the tolerance.
export function gruUpdate(z: number[], hPrev: number[], hTilde: number[]): number[] {
  return hPrev.map((h, k) => h + z[k] * (hTilde[k] - h));
}
