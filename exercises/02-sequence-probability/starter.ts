/**
 * Probability of a sequence from its conditional token probabilities:
 * p = product of probs, logp = sum of Math.log(probs[t]) (finite even when p underflows to 0).
 */
export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  let logp = 0;
  // TODO: multiply every probability into p, and add up their natural logs into logp
  return { p, logp };
}
