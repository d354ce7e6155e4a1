// The formula of the statement, g · min(1, τ / ‖g‖): for the zero vector τ / 0 is Infinity,
// and min(1, Infinity) = 1 leaves it unchanged.
export function clipByNorm(g: number[], maxNorm: number): number[] {
  const factor = Math.min(1, maxNorm / Math.hypot(...g));
  return g.map((v) => v * factor);
}
