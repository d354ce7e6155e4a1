export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
  if (norm === 0) return g.map(() => 0);
  return g.map((v) => (v * maxNorm) / norm);
}
