export function clipByNorm(g: number[], maxNorm: number): number[] {
  const norm = Math.hypot(...g);
  const direction = g.map((v) => v / norm);
  const length = Math.min(norm, maxNorm);
  return direction.map((u) => u * length);
}
