export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
  const direction = g.map((v) => v / norm);
  const length = Math.min(norm, maxNorm);
  return direction.map((u) => u * length);
}
