// Functional style: a matrix-vector product helper, then an element-wise tanh.
const matVec = (M: number[][], v: number[]): number[] => M.map((row) => row.reduce((sum, w, j) => sum + w * v[j], 0));

export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  const fromInput = matVec(Wxh, x);
  const fromState = matVec(Whh, hPrev);
  return b.map((bias, i) => Math.tanh(fromInput[i] + fromState[i] + bias));
}
