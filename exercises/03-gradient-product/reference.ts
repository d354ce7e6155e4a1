export function gradientScale(scale: number, steps: number): number {
  return scale ** steps;
}
