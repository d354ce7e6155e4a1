type Snapshot = { losses: number[][]; mask: number[][]; stepGradients: number[][]; gates: number[]; shortMax: number };
type Diagnostics = { maskedLoss: number; maxGradNorm: number; saturatedFraction: number; shortLoss: number; longLoss: number };

export function rnnDiagnostics(s: Snapshot): Diagnostics {
  // Mean loss of each sequence, then the mean of those means.
  const lengths = s.mask.map((row) => row.reduce((a, m) => a + m, 0));
  const seqMeans = s.losses.map((row, b) => row.reduce((a, l, t) => a + l * s.mask[b][t], 0) / lengths[b]);
  const average = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, x) => a + x, 0) / xs.length);
  const maskedLoss = average(seqMeans);
  const shortLoss = average(seqMeans.filter((_, b) => lengths[b] <= s.shortMax));
  const longLoss = average(seqMeans.filter((_, b) => lengths[b] > s.shortMax));

  let maxGradNorm = 0;
  for (const g of s.stepGradients) {
    maxGradNorm = Math.max(maxGradNorm, Math.hypot(...g));
  }

  const saturated = s.gates.filter((a) => a < 0.05 || a > 0.95).length;
  const saturatedFraction = s.gates.length === 0 ? 0 : saturated / s.gates.length;

  return { maskedLoss, maxGradNorm, saturatedFraction, shortLoss, longLoss };
}
