export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = g.reduce((s, v) => s + Math.abs(v), 0);
  const factor = Math.min(1, maxNorm / norm);
  return g.map((v) => v * factor);
}
