export function gradientScale(scale: number, steps: number): number {
  let g = scale;
  for (let k = 0; k < steps; k++) g *= scale;
  return g;
}
