type Snapshot = { losses: number[][]; mask: number[][]; stepGradients: number[][]; gates: number[]; shortMax: number };
type Diagnostics = { maskedLoss: number; maxGradNorm: number; saturatedFraction: number; shortLoss: number; longLoss: number };

export function rnnDiagnostics(s: Snapshot): Diagnostics {
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
  const maskedLoss = mean(all);
  const shortLoss = mean(short);
  const longLoss = mean(long);

  const maxGradNorm = Math.hypot(...s.stepGradients.flat());

  const saturated = s.gates.filter((a) => a < 0.05 || a > 0.95).length;
  const saturatedFraction = s.gates.length === 0 ? 0 : saturated / s.gates.length;

  return { maskedLoss, maxGradNorm, saturatedFraction, shortLoss, longLoss };
}
