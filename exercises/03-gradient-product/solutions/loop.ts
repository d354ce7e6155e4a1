// One factor of the scale per step of backpropagation, starting from the empty product 1.
export function gradientScale(scale: number, steps: number): number {
  let g = 1;
  for (let t = 0; t < steps; t++) g *= scale;
  return g;
}
