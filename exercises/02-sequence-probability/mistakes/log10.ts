export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  let logp = 0;
  for (const q of probs) {
    p *= q;
    logp += Math.log10(q);
  }
  return { p, logp };
}
