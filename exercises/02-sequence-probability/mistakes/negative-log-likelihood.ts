export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  let nll = 0;
  for (const q of probs) {
    p *= q;
    nll -= Math.log(q);
  }
  return { p, logp: nll };
}
