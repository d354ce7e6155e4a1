export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
  if (norm > maxNorm) {
    for (let j = 0; j < g.length; j++) g[j] *= maxNorm / norm;
  }
  return g;
}
