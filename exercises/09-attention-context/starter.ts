/**
 * Attention context: c = Σ_t weights[t] · encoder[t], where encoder is T × d (one row per position).
 * Returns a new array of length d. The weights are used as given (no softmax, no renormalising).
 */
export function attentionContext(weights: number[], encoder: number[][]): number[] {
  const d = encoder[0].length;
  const context: number[] = new Array(d).fill(0);
  // TODO: add weights[t] times row encoder[t] into context, for every position t
  return context;
}
