export function maskedLoss(losses: number[], mask: number[]): number {
  if (losses.length === 0) return 0;
  return losses.reduce((s, l) => s + l, 0) / losses.length;
}
