export function maskedLoss(losses: number[], mask: number[]): number {
  let total = 0;
  let count = 0;
  for (let t = 0; t < losses.length; t++) {
    total += losses[t] * mask[t];
    count += mask[t];
  }
  return count === 0 ? 0 : total / count;
}
