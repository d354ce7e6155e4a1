/**
 * How a per-step Jacobian scale compounds over `steps` steps of backpropagation through time.
 * steps is a non-negative integer; scale may be negative. steps = 0 gives 1.
 */
export function gradientScale(scale: number, steps: number): number {
  // TODO: multiply `scale` into the result once per step (steps times in all)
  return scale;
}
