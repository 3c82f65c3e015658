/** @module Exponentially weighted mean and variance with a warm-up: the baseline behind every z-score. */
import { doubt } from '../../shared/noisy-or.js';

/** Serializable state of one baseline. */
export interface Baseline {
  mean: number;
  variance: number;
  /** Observations so far (saturates); the baseline is trusted once it reaches the warm-up count. */
  n: number;
}

export const newBaseline = (): Baseline => ({ mean: 0, variance: 0, n: 0 });

/**
 * Adds one observation. During warm-up the weight is 1/n (a plain running mean), then `alpha`
 * (West's incremental EWMA variance), so early values do not dominate for long.
 */
export function observe(b: Baseline, x: number, alpha: number): void {
  b.n = Math.min(b.n + 1, 1e9);
  const a = Math.max(alpha, 1 / b.n);
  const diff = x - b.mean;
  const incr = a * diff;
  b.mean += incr;
  b.variance = (1 - a) * (b.variance + diff * incr);
}

/** Adds `k` observations of zero (idle buckets skipped lazily); beyond `cap` steps the baseline has decayed anyway. */
export function observeZeros(b: Baseline, k: number, alpha: number, cap = 600): void {
  const steps = Math.min(k, cap);
  for (let i = 0; i < steps; i++) observe(b, 0, alpha);
}

/**
 * Adds `k` zeros in closed form once the weight is constant (n ≥ 1/alpha): mean·rᵏ and rᵏ·(var + mean²·(1 − rᵏ))
 * with r = 1 − alpha, the same as `k` calls of `observe(b, 0, alpha)` up to rounding. Falls back to the loop before.
 */
export function observeZerosFast(b: Baseline, k: number, alpha: number): void {
  if (k <= 0) return;
  if (b.n * alpha < 1) {
    observeZeros(b, k, alpha);
    return;
  }
  const rk = (1 - alpha) ** k;
  b.variance = rk * (b.variance + b.mean * b.mean * (1 - rk));
  b.mean *= rk;
  b.n = Math.min(b.n + k, 1e9);
}

export function isWarm(b: Baseline, warmup: number): boolean {
  return b.n >= warmup;
}

/**
 * How unusual `x` is, in standard deviations above the mean. The variance has a floor (`minVariance`, and the
 * mean itself for counts, as Poisson would) so that a near-constant history does not turn noise into alarms.
 */
export function zScore(b: Baseline, x: number, minVariance: number, countLike: boolean): number {
  const floor = countLike ? Math.max(minVariance, b.mean) : minVariance;
  return (x - b.mean) / Math.sqrt(Math.max(b.variance, floor));
}

/**
 * Maps a z-score to a contribution in [0, 100]: nothing up to `z0`, then rising and saturating
 * (about 63 points at z0 + scale, 86 at z0 + 2·scale).
 */
export function contributionOf(z: number, z0 = 4, scale = 6): number {
  if (!(z > z0)) return 0;
  return 100 * (1 - Math.exp(-(z - z0) / scale));
}

/** Combines contributions as independent evidence (noisy-OR), defined in shared/noisy-or.ts with the screens' use. */
export { combine } from '../../shared/noisy-or.js';

/** {@link combine} of two contributions. */
export const combine2 = (a: number, b: number): number => 100 * (1 - doubt(a) * doubt(b));

/** {@link combine} of the reasons' contributions, without an array of them (it runs per entity per second). */
export function combineReasons(reasons: readonly { contribution: number }[]): number {
  let keep = 1;
  for (let i = 0; i < reasons.length; i++) keep *= doubt(reasons[i]!.contribution);
  return 100 * (1 - keep);
}
