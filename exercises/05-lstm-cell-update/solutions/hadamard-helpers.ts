// Element-wise product and sum as small helpers, as in c_t = f ⊙ c_{t−1} + i ⊙ c̃_t.
const hadamard = (a: number[], b: number[]) => a.map((v, k) => v * b[k]);
const add = (a: number[], b: number[]) => a.map((v, k) => v + b[k]);

export function lstmCellUpdate(f: number[], i: number[], cPrev: number[], cand: number[]): number[] {
  return add(hadamard(f, cPrev), hadamard(i, cand));
}
