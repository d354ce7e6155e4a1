// The norm by hand, scaled by the largest magnitude so no square overflows or underflows.
function norm2(g: number[]): number {
  let m = 0;
  for (const v of g) m = Math.max(m, Math.abs(v));
  if (m === 0) return 0;
  let sum = 0;
  for (const v of g) sum += (v / m) * (v / m);
  return m * Math.sqrt(sum);
}

export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = norm2(g);
  return norm > maxNorm ? g.map((v) => (v / norm) * maxNorm) : [...g];
}
