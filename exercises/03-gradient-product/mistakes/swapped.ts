export function gradientScale(scale: number, steps: number): number {
  return steps ** scale;
}
