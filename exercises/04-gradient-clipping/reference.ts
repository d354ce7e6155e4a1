export function clipByNorm(g: number[], maxNorm: number): number[] {
  let sumSq = 0;
  for (const v of g) sumSq += v * v;
  const norm = Math.sqrt(sumSq);
  // norm <= maxNorm covers the zero vector, so there is never a division by zero.
  const factor = norm <= maxNorm ? 1 : maxNorm / norm;
  return g.map((v) => v * factor);
}
