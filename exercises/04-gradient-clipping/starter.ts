/**
 * Clip a gradient by its Euclidean norm: g · min(1, maxNorm / ‖g‖₂), as a new array.
 * The zero vector comes back as zeros; g itself must not be modified.
 */
export function clipByNorm(g: number[], maxNorm: number): number[] {
  const clipped = g.slice();
  // TODO: compute ‖g‖₂ and, when it is above maxNorm, scale every component by maxNorm / ‖g‖₂
  return clipped;
}
