// Exponentiation by squaring: O(log k) multiplications.
export function gradientScale(scale: number, steps: number): number {
  let result = 1;
  let base = scale;
  for (let k = steps; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result *= base;
    base *= base;
  }
  return result;
}
