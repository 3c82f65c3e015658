/** @module Turns the per-segment buffer into bounded chart rows for a time range. Pure. */
import { lowerBound } from '../../state/live-store.js';
import type { ChartPoint } from './series-window.js';

export type Metric = 'events' | 'score';

export interface ChartRow {
  t: number;
  values: Record<string, number | null>;
}

export interface ChartSeries {
  rows: ChartRow[];
  segments: string[];
  start: number;
  end: number;
  stepMs: number;
  /** Value of each segment in the newest row (null when unknown). */
  latest: Record<string, number | null>;
}

/** At most this many rows per chart, whatever the range: 5 min at 1 s, 15 min at 3 s. */
export const MAX_ROWS = 300;

/** Row width for a range: 1 s for 5 min, 3 s for 15 min, 12 s for 1 h, 72 s for 6 h. History is fetched at it. */
export function rowStepMs(rangeMs: number): number {
  return Math.max(1000, Math.ceil(rangeMs / MAX_ROWS / 1000) * 1000);
}

/**
 * Rows from `end - rangeMs` to `end`, where `end` is the newest bucket (for `events`, the newest bucket
 * that is not still filling: a partial count would show a false drop). Buckets are merged to keep ≤ MAX_ROWS rows:
 * events become the mean rate per second (a history point counts for its `span` seconds), scores the maximum. A segment with no point in a bucket after
 * its first point had no events (0) and kept its last score; a bucket no segment has is a gap (null).
 */
export function buildRows(
  series: ReadonlyMap<string, readonly ChartPoint[]>,
  rangeMs: number,
  metric: Metric,
): ChartSeries {
  const segments = [...series.keys()].sort();
  const stepMs = rowStepMs(rangeMs);
  let end = Number.NEGATIVE_INFINITY;
  /** Where the newest (closed, for events) bucket ends. */
  let covered = Number.NEGATIVE_INFINITY;
  for (const points of series.values()) {
    const newest = points.length - 1;
    const i = metric === 'events' && points[newest]?.open ? newest - 1 : newest;
    const p = points[i];
    if (p && p.t > end) end = p.t;
    if (p && p.t + (p.span ?? 1) * 1000 > covered) covered = p.t + (p.span ?? 1) * 1000;
  }
  if (!Number.isFinite(end)) return { rows: [], segments, start: 0, end: 0, stepMs, latest: {} };
  // Events: the last row must be whole (a row with one of its three seconds closed would show a false drop);
  // scores: the row holding the newest bucket (a maximum so far is right).
  end =
    metric === 'events' ? Math.floor(covered / stepMs) * stepMs - stepMs : Math.floor(end / stepMs) * stepMs;
  const start = end - rangeMs + stepMs;

  const rows: ChartRow[] = [];
  for (let t = start; t <= end; t += stepMs) rows.push({ t, values: {} });
  const rowHasData = rows.map(() => false);

  for (const segment of segments) {
    const points = series.get(segment)!;
    const first = points[0];
    // Only a segment's newest bucket may still be filling; an older one still marked open is the best we have.
    const fillingT = points[points.length - 1]?.open
      ? points[points.length - 1]!.t
      : Number.POSITIVE_INFINITY;
    let i = lowerBound(points, start);
    let carried: number | null = null;
    if (metric === 'score' && i > 0) carried = points[i - 1]!.score;
    rows.forEach((row, r) => {
      let sum = 0;
      let max: number | null = null;
      let seen = false;
      let filling = false;
      while (i < points.length && points[i]!.t < row.t + stepMs) {
        const p = points[i]!;
        i++;
        if (metric === 'events' && p.t === fillingT) {
          filling = true;
          continue;
        }
        seen = true;
        rowHasData[r] = true;
        sum += p.events * (p.span ?? 1);
        max = max === null ? p.score : Math.max(max, p.score);
      }
      if (metric === 'events') {
        const silent = first && row.t >= first.t && !filling;
        row.values[segment] = seen ? sum / (stepMs / 1000) : silent ? 0 : null;
      } else {
        if (max !== null) carried = max;
        row.values[segment] = seen ? max : carried;
      }
    });
  }
  // No segment has a bucket there: that is a gap in the data (restart, lost frames), not a silent network.
  rows.forEach((row, r) => {
    if (!rowHasData[r]) for (const s of segments) row.values[s] = null;
  });
  const last = rows[rows.length - 1];
  const latest: Record<string, number | null> = {};
  for (const s of segments) latest[s] = last?.values[s] ?? null;
  return { rows, segments, start, end, stepMs, latest };
}

/** Evenly spaced tick times for the x axis, aligned to round clock times. */
export function timeTicks(start: number, end: number, rangeMs: number): number[] {
  const every =
    rangeMs <= 60_000
      ? 10_000
      : rangeMs <= 300_000
        ? 60_000
        : rangeMs <= 900_000
          ? 180_000
          : rangeMs <= 3_600_000
            ? 600_000
            : 3_600_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / every) * every; t <= end; t += every) ticks.push(t);
  return ticks;
}
