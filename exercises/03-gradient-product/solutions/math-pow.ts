// The library power function (the same as scale ** steps).
export function gradientScale(scale: number, steps: number): number {
  return Math.pow(scale, steps);
}
