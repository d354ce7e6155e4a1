export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = Math.hypot(...g);
  if (norm === 0) return g.map(() => 0);
  return g.map((v) => (v / norm) * maxNorm);
}
