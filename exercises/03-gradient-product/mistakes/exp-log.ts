export function gradientScale(scale: number, steps: number): number {
  return Math.exp(steps * Math.log(scale));
}
