export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  for (const q of probs) p *= q;
  return { p, logp: Math.log(p) };
}
