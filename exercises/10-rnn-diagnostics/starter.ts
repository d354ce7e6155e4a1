/**
 * The notebook's debug checklist as numbers:
 * - maskedLoss: Σ losses·mask / Σ mask over the whole batch (0 if no real token);
 * - maxGradNorm: the largest Euclidean norm of one step's gradient (0 if there are no steps);
 * - saturatedFraction: share of gates < 0.05 or > 0.95 (0 if there are no gates);
 * - shortLoss / longLoss: the masked loss pooled over sequences whose length (sum of the mask
 *   row) is ≤ shortMax / > shortMax (0 for an empty group).
 */
export function rnnDiagnostics(s: {
  losses: number[][];
  mask: number[][];
  stepGradients: number[][];
  gates: number[];
  shortMax: number;
}): { maskedLoss: number; maxGradNorm: number; saturatedFraction: number; shortLoss: number; longLoss: number } {
  // TODO: compute each diagnostic; these placeholders only count the batch and the steps
  return {
    maskedLoss: 0,
    maxGradNorm: s.stepGradients.length,
    saturatedFraction: 0,
    shortLoss: 0,
    longLoss: 0,
  };
}
