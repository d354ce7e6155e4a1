export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  let sum = 0;
  for (const q of probs) {
    p *= q;
    sum += Math.log(q);
  }
  return { p, logp: sum / probs.length };
}
