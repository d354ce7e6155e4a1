type Snapshot = { losses: number[][]; mask: number[][]; stepGradients: number[][]; gates: number[]; shortMax: number };
type Diagnostics = { maskedLoss: number; maxGradNorm: number; saturatedFraction: number; shortLoss: number; longLoss: number };

export function rnnDiagnostics(s: Snapshot): Diagnostics {
  // Token-weighted sums per group: every real token counts once, whatever its sequence.
  const all = { sum: 0, count: 0 };
  const short = { sum: 0, count: 0 };
  const long = { sum: 0, count: 0 };
  s.losses.forEach((row, b) => {
    let sum = 0;
    let count = 0;
    row.forEach((l, t) => {
      sum += l * s.mask[b][t];
      count += s.mask[b][t];
    });
    const group = count <= s.shortMax ? short : long;
    for (const g of [all, group]) {
      g.sum += sum;
      g.count += count;
    }
  });
  const mean = (g: { sum: number; count: number }) => (g.count === 0 ? 0 : g.sum / g.count);

  // Math.hypot does not square huge (or tiny) components directly, so it neither overflows nor
  // underflows where the norm itself is an ordinary number.
  let maxGradNorm = 0;
  for (const g of s.stepGradients) maxGradNorm = Math.max(maxGradNorm, Math.hypot(...g));

  const saturated = s.gates.filter((a) => a < 0.05 || a > 0.95).length;
  return {
    maskedLoss: mean(all),
    maxGradNorm,
    saturatedFraction: s.gates.length === 0 ? 0 : saturated / s.gates.length,
    shortLoss: mean(short),
    longLoss: mean(long),
  };
}
