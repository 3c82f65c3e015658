/**
 * @module Decaying counters and baselines kept side by side in one array of numbers, at offsets a detector names:
 * per host, an object per counter (with its numbers boxed) costs several times the numbers themselves. The same
 * arithmetic, in the same order, as `Decaying` (./evidence.ts) and `Baseline` (./baseline.ts), so a value is the
 * same to the last bit whichever holds it (tests/unit/packed-numbers.test.ts). Plain arrays: JSON-serializable.
 */

/** Numbers of a decaying counter at `at`: its value, and the event time of that value. */
export const DECAYING = 2;
/** Numbers of a baseline at `at`: mean, variance, observations so far. */
export const BASELINE = 3;

/** An array of `n` zeros that stores doubles unboxed. */
export const packedNumbers = (n: number): number[] => new Array<number>(n).fill(0);

/** The counter at `at`'s value at `t` (as `decayedValue`). */
export function decayedAt(a: readonly number[], at: number, t: number, halfLifeMs: number): number {
  const v = a[at]!;
  if (v === 0) return 0;
  return v * 0.5 ** (Math.max(0, t - a[at + 1]!) / halfLifeMs);
}

/** Adds `x` at `t` to the counter at `at` (as `addDecaying`). */
export function addDecayingAt(a: number[], at: number, t: number, x: number, halfLifeMs: number): void {
  if (t > a[at + 1]!) {
    a[at] = decayedAt(a, at, t, halfLifeMs);
    a[at + 1] = t;
  }
  a[at] = a[at]! + x;
}

export const meanAt = (a: readonly number[], at: number): number => a[at]!;
export const varianceAt = (a: readonly number[], at: number): number => a[at + 1]!;
/** Whether the baseline at `at` has seen `warmup` observations (as `isWarm`). */
export const isWarmAt = (a: readonly number[], at: number, warmup: number): boolean => a[at + 2]! >= warmup;

/** Adds one observation to the baseline at `at` (as `observe`). */
export function observeAt(a: number[], at: number, x: number, alpha: number): void {
  const n = Math.min(a[at + 2]! + 1, 1e9);
  a[at + 2] = n;
  const w = Math.max(alpha, 1 / n);
  const diff = x - a[at]!;
  const incr = w * diff;
  a[at] = a[at]! + incr;
  a[at + 1] = (1 - w) * (a[at + 1]! + diff * incr);
}

/** Adds `k` zeros to the baseline at `at` (as `observeZerosFast`, and its loop of `observe` before the warm-up). */
export function observeZerosFastAt(a: number[], at: number, k: number, alpha: number): void {
  if (k <= 0) return;
  if (a[at + 2]! * alpha < 1) {
    const steps = Math.min(k, 600);
    for (let i = 0; i < steps; i++) observeAt(a, at, 0, alpha);
    return;
  }
  const rk = (1 - alpha) ** k;
  a[at + 1] = rk * (a[at + 1]! + a[at]! * a[at]! * (1 - rk));
  a[at] = a[at]! * rk;
  a[at + 2] = Math.min(a[at + 2]! + k, 1e9);
}
