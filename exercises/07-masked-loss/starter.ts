/**
 * Mean loss over the real tokens: Σ losses[t]·mask[t] / Σ mask[t], or 0 when no token is real.
 * Padded positions (mask 0) may hold any finite loss and must not affect the result.
 */
export function maskedLoss(losses: number[], mask: number[]): number {
  let total = 0;
  for (const l of losses) total += l;
  // TODO: only count positions whose mask is 1, and divide by how many there are
  return losses.length === 0 ? 0 : total / losses.length;
}
