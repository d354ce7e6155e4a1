// Per-sequence totals first, then pooled sums per group; norms with Math.hypot.
type Snapshot = { losses: number[][]; mask: number[][]; stepGradients: number[][]; gates: number[]; shortMax: number };
type Diagnostics = { maskedLoss: number; maxGradNorm: number; saturatedFraction: number; shortLoss: number; longLoss: number };

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

export function rnnDiagnostics(s: Snapshot): Diagnostics {
  const sequences = s.losses.map((row, b) => ({
    total: row.reduce((acc, l, t) => acc + l * s.mask[b][t], 0),
    length: s.mask[b].reduce((acc, m) => acc + m, 0),
  }));
  const pooled = (keep: (n: number) => boolean) => {
    const group = sequences.filter((q) => keep(q.length));
    return ratio(group.reduce((a, q) => a + q.total, 0), group.reduce((a, q) => a + q.length, 0));
  };
  const norms = s.stepGradients.map((g) => Math.hypot(...g));
  return {
    maskedLoss: pooled(() => true),
    maxGradNorm: norms.length === 0 ? 0 : Math.max(...norms),
    saturatedFraction: ratio(s.gates.filter((a) => a < 0.05 || a > 0.95).length, s.gates.length),
    shortLoss: pooled((n) => n <= s.shortMax),
    longLoss: pooled((n) => n > s.shortMax),
  };
}
