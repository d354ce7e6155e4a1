export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  let logp = 0;
  for (const q of probs) {
    p *= q;
    logp += Math.log(q);
  }
  return { p, logp };
}
