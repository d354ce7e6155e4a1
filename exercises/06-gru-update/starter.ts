/**
 * GRU update, element by element: h = (1 − z) ⊙ hPrev + z ⊙ hTilde.
 * z = 0 keeps the previous state, z = 1 takes the candidate.
 */
export function gruUpdate(z: number[], hPrev: number[], hTilde: number[]): number[] {
  // TODO: interpolate between hPrev[k] and hTilde[k] with weight z[k] on the candidate
  return hTilde.slice();
}
