export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = Math.hypot(...g);
  if (norm > maxNorm) {
    for (let j = 0; j < g.length; j++) g[j] *= maxNorm / norm;
  }
  return g;
}
