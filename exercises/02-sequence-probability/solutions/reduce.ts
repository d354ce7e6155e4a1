// Two reductions, each with its identity as the initial value (so the empty sequence works).
export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  return {
    p: probs.reduce((acc, q) => acc * q, 1),
    logp: probs.reduce((acc, q) => acc + Math.log(q), 0),
  };
}
