/**
 * The standard normal distribution, to double precision where it matters for p-values (|z| up to ~37).
 * Near the centre: the series Φ(z) = ½ + φ(z)·Σ z^(2n+1)/(1·3·…·(2n+1)) (Abramowitz & Stegun 26.2.11);
 * in the tails: the continued fraction Q(z) = φ(z)/(z + 1/(z + 2/(z + 3/(z + …)))) (A&S 26.2.14), by Lentz's method.
 */
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export const normalDensity = (z: number) => INV_SQRT_2PI * Math.exp(-0.5 * z * z);

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 1 - normalUpperTail(-z);
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n += 1) {
      term *= (z * z) / (2 * n + 1);
      sum += term;
    }
    return 0.5 - normalDensity(z) * sum;
  }
  // Lentz's algorithm for z + 1/(z + 2/(z + 3/(z + …))).
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k += 1) {
    d = z + k * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + k / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalDensity(z) / f;
}

/** Two-sided p-value of a z-score. */
export const twoSidedP = (z: number) => Math.min(1, 2 * normalUpperTail(Math.abs(z)));
