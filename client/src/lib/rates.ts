/**
 * @module One definition of a segment's "events per second" for every screen that prints it as a number (strip
 * tile, chart legend, wall): the mean over the last RATE_WINDOW_S closed one-second buckets, in event time.
 */
import type { SeriesPoint } from '../../../shared/schemas/frame.js';

export const RATE_WINDOW_S = 10;

/**
 * Events per second over the RATE_WINDOW_S seconds ending with the newest closed bucket of `points` (ascending by
 * `t`; a bucket of `span` seconds carries per-second averages); seconds without a bucket count as silence. Null
 * with no closed bucket.
 */
export function recentRate(points: readonly (SeriesPoint & { span?: number })[] | undefined): number | null {
  if (!points || points.length === 0) return null;
  let i = points.length - 1;
  while (i >= 0 && points[i]!.open) i--;
  if (i < 0) return null;
  const end = points[i]!.t;
  const from = end - (RATE_WINDOW_S - 1) * 1000;
  let sum = 0;
  for (; i >= 0 && points[i]!.t >= from; i--) {
    const p = points[i]!;
    if (!p.open) sum += p.events * Math.min(p.span ?? 1, (end - p.t) / 1000 + 1);
  }
  return sum / RATE_WINDOW_S;
}
