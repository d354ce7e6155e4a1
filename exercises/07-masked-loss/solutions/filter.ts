// Keep the real positions, then average them.
export function maskedLoss(losses: number[], mask: number[]): number {
  const real = losses.filter((_, t) => mask[t] === 1);
  if (real.length === 0) return 0;
  return real.reduce((a, b) => a + b, 0) / real.length;
}
