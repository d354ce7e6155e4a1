// Works in log space and recovers p = exp(log p): the same number up to rounding, and 0 exactly
// when the product underflows.
export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let logp = 0;
  for (let t = 0; t < probs.length; t++) logp += Math.log(probs[t]);
  return { p: Math.exp(logp), logp };
}
