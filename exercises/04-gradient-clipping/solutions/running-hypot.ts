// Accumulates the norm two numbers at a time with Math.hypot, never forming a square.
export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = g.reduce((acc, v) => Math.hypot(acc, v), 0);
  const out = new Array<number>(g.length);
  for (let j = 0; j < g.length; j++) out[j] = norm > maxNorm ? g[j] * (maxNorm / norm) : g[j];
  return out;
}
