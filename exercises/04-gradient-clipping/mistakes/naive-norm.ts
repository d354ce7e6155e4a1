// The textbook √(Σ g²) computed as written: Σ g² overflows to Infinity for components near 1e200
// (the factor maxNorm / Infinity is 0) and underflows to 0 for components near 1e-200.
export function clipByNorm(g: number[], maxNorm: number): number[] {
  let sumSq = 0;
  for (const v of g) sumSq += v * v;
  const norm = Math.sqrt(sumSq);
  const factor = norm <= maxNorm ? 1 : maxNorm / norm;
  return g.map((v) => v * factor);
}
