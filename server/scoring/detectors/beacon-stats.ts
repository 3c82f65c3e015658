/** @module Robust statistics of a beacon's beats, read from values sorted once in scratch space (no allocation). */
import { quantile } from '../evidence.js';

/** Scratch space of {@link score}: gaps, sizes and deviations, sorted in place. */
let scratch = new Float64Array(96);
export function space(n: number): Float64Array {
  if (scratch.length < 3 * n) scratch = new Float64Array(3 * n);
  return scratch;
}

/** {@link dispersion} of `sorted + shift`, with `dev` as scratch (at least as long). */
export function sortedDispersion(sorted: Float64Array, dev: Float64Array, shift: number): number {
  const med = quantile1(sorted, shift);
  if (med <= 0) return 1;
  const d = dev.subarray(0, sorted.length);
  for (let i = 0; i < sorted.length; i++) d[i] = Math.abs(sorted[i]! + shift - med);
  d.sort();
  return quantile(d, 0.5) / med;
}

/** The median of `sorted + shift`, computed as {@link quantile} would on the shifted values. */
function quantile1(sorted: Float64Array, shift: number): number {
  const pos = (sorted.length - 1) * 0.5;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]! + shift;
  const b = sorted[hi]! + shift;
  return a + (b - a) * (pos - lo);
}

/** {@link bowley} of sorted values. */
export function sortedBowley(sorted: Float64Array): number {
  const q1 = quantile(sorted, 0.25);
  const q2 = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  if (q3 - q1 <= 0 || q2 === q1 || q2 === q3) return 0;
  return (q1 + q3 - 2 * q2) / (q3 - q1);
}

/** Coefficient of variation of sorted values without the smallest and the largest. */
export function trimmedCv(sorted: Float64Array): number {
  const len = sorted.length - 2;
  if (len < 2) return 1;
  let sum = 0;
  for (let i = 1; i <= len; i++) sum += sorted[i]!;
  const mean = sum / len;
  let v = 0;
  for (let i = 1; i <= len; i++) v += (sorted[i]! - mean) ** 2;
  v /= len - 1;
  return mean > 0 ? Math.sqrt(v) / mean : 1;
}
