// Plain loops, each token visited once; the step norm scaled by its largest component by hand.
type Snapshot = { losses: number[][]; mask: number[][]; stepGradients: number[][]; gates: number[]; shortMax: number };

function norm(g: number[]): number {
  let m = 0;
  for (const v of g) m = Math.max(m, Math.abs(v));
  if (m === 0) return 0;
  let sum = 0;
  for (const v of g) sum += (v / m) ** 2;
  return m * Math.sqrt(sum);
}

export function rnnDiagnostics(s: Snapshot) {
  let sum = 0, count = 0, shortSum = 0, shortCount = 0, longSum = 0, longCount = 0;
  for (let b = 0; b < s.losses.length; b++) {
    let rowSum = 0, rowCount = 0;
    for (let t = 0; t < s.losses[b].length; t++) {
      if (s.mask[b][t] === 1) {
        rowSum += s.losses[b][t];
        rowCount++;
      }
    }
    sum += rowSum;
    count += rowCount;
    if (rowCount <= s.shortMax) {
      shortSum += rowSum;
      shortCount += rowCount;
    } else {
      longSum += rowSum;
      longCount += rowCount;
    }
  }
  let maxGradNorm = 0;
  for (const g of s.stepGradients) maxGradNorm = Math.max(maxGradNorm, norm(g));
  let saturated = 0;
  for (const a of s.gates) if (a < 0.05 || a > 0.95) saturated++;
  return {
    maskedLoss: count ? sum / count : 0,
    maxGradNorm,
    saturatedFraction: s.gates.length ? saturated / s.gates.length : 0,
    shortLoss: shortCount ? shortSum / shortCount : 0,
    longLoss: longCount ? longSum / longCount : 0,
  };
}
