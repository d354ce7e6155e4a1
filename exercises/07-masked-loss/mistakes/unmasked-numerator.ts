export function maskedLoss(losses: number[], mask: number[]): number {
  const total = losses.reduce((s, l) => s + l, 0);
  const count = mask.reduce((s, m) => s + m, 0);
  return count === 0 ? 0 : total / count;
}
