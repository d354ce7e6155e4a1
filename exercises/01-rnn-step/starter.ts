/**
 * One vanilla RNN step: h = tanh(Wxh·x + Whh·hPrev + b).
 * Wxh is d_h × d_x (one row per hidden unit), Whh is d_h × d_h.
 */
export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  const h: number[] = new Array(hPrev.length).fill(0);
  // TODO: fill h[i] with tanh of row i of Wxh·x, plus row i of Whh·hPrev, plus b[i]
  return h;
}
