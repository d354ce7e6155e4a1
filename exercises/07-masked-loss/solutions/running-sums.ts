// One reduce that carries the masked sum and the count together.
export function maskedLoss(losses: number[], mask: number[]): number {
  const { sum, count } = losses.reduce(
    (acc, l, t) => (mask[t] ? { sum: acc.sum + l, count: acc.count + 1 } : acc),
    { sum: 0, count: 0 },
  );
  return count > 0 ? sum / count : 0;
}
