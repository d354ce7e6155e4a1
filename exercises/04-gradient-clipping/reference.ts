export function clipByNorm(g: number[], maxNorm: number): number[] {
  // Math.hypot scales by the largest component before squaring, so the norm of a gradient with
  // huge (1e200) or tiny (1e-200) components neither overflows to Infinity nor underflows to 0.
  const norm = Math.hypot(...g);
  // norm <= maxNorm covers the zero vector, so there is never a division by zero.
  if (norm <= maxNorm) return g.slice();
  const factor = maxNorm / norm;
  return g.map((v) => v * factor);
}
