export function maskedLoss(losses: number[], mask: number[]): number {
  if (losses.length === 0) return 0;
  let total = 0;
  for (let t = 0; t < losses.length; t++) total += losses[t] * mask[t];
  return total / losses.length;
}
