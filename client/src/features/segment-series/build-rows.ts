/** @module Turns the per-segment buffer into bounded chart rows for a time range. Pure. */
import { lowerBound } from '../../state/live-store.js';
import type { ChartPoint } from './series-window.js';

export type Metric = 'events' | 'score';

/**
 * One value per row; NaN where there is nothing to draw. Typed arrays, not `(number | null)[]`: every chart builds
 * its columns on every frame, and an array of fractional numbers holds each as its own heap object, which made the
 * rows most of the page's garbage (and of its GC pauses).
 */
export type Column = Float64Array;

export interface ChartSeries {
  segments: string[];
  /** Row times, ascending, `stepMs` apart, from `start` to `end`. */
  times: number[];
  /** Per segment, one value per row (NaN: nothing to draw there). */
  columns: Map<string, Column>;
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
 * Runs for every chart on every frame (20 segments × 900 points at 15 minutes), so it fills one flat column per
 * segment in a single pass over its points.
 */
export function buildRows(
  series: ReadonlyMap<string, readonly ChartPoint[]>,
  rangeMs: number,
  metric: Metric,
): ChartSeries {
  const segments = [...series.keys()].sort();
  const stepMs = rowStepMs(rangeMs);
  const columns = new Map<string, Column>();
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
  if (!Number.isFinite(end)) {
    for (const s of segments) columns.set(s, new Float64Array(0));
    return { segments, times: [], columns, start: 0, end: 0, stepMs, latest: {} };
  }
  // Events: the last row must be whole (a row with one of its three seconds closed would show a false drop);
  // scores: the row holding the newest bucket (a maximum so far is right).
  end =
    metric === 'events' ? Math.floor(covered / stepMs) * stepMs - stepMs : Math.floor(end / stepMs) * stepMs;
  const start = end - rangeMs + stepMs;

  const times: number[] = [];
  for (let t = start; t <= end; t += stepMs) times.push(t);
  const rowHasData = new Uint8Array(times.length);
  for (const segment of segments) {
    const column = fillColumn(series.get(segment)!, times, stepMs, metric, rowHasData);
    columns.set(segment, column);
  }
  // No segment has a bucket there: that is a gap in the data (restart, lost frames), not a silent network.
  for (let r = 0; r < times.length; r++) {
    if (rowHasData[r]) continue;
    for (const column of columns.values()) column[r] = Number.NaN;
  }
  const latest: Record<string, number | null> = {};
  for (const s of segments) {
    const v = columns.get(s)![times.length - 1];
    latest[s] = v === undefined || Number.isNaN(v) ? null : v;
  }
  return { segments, times, columns, start, end, stepMs, latest };
}

/** One segment's value per row; marks in `rowHasData` the rows where it has a (closed, for events) bucket. */
function fillColumn(
  points: readonly ChartPoint[],
  times: readonly number[],
  stepMs: number,
  metric: Metric,
  rowHasData: Uint8Array,
): Column {
  const events = metric === 'events';
  const column = new Float64Array(times.length);
  const firstT = points[0]?.t;
  // Only a segment's newest bucket may still be filling; an older one still marked open is the best we have.
  const newest = points[points.length - 1];
  const fillingT = newest?.open ? newest.t : Number.POSITIVE_INFINITY;
  let i = lowerBound(points, times[0] ?? 0);
  let carried = !events && i > 0 ? points[i - 1]!.score : Number.NaN;
  for (let r = 0; r < times.length; r++) {
    const rowT = times[r]!;
    const rowEnd = rowT + stepMs;
    let sum = 0;
    // Plain numbers only: a local that may hold null or a fraction is a new heap object at every assignment.
    let max = Number.NEGATIVE_INFINITY;
    let seen = false;
    let filling = false;
    while (i < points.length && points[i]!.t < rowEnd) {
      const p = points[i]!;
      i++;
      if (events && p.t === fillingT) {
        filling = true;
        continue;
      }
      seen = true;
      sum += p.events * (p.span ?? 1);
      if (p.score > max) max = p.score;
    }
    if (seen) rowHasData[r] = 1;
    if (events) {
      const silent = firstT !== undefined && rowT >= firstT && !filling;
      column[r] = seen ? sum / (stepMs / 1000) : silent ? 0 : Number.NaN;
    } else {
      if (seen) carried = max;
      column[r] = carried;
    }
  }
  return column;
}

/**
 * `next` with every part that equals the same part of `prev` replaced by `prev`'s own array, and `prev` itself when
 * nothing differs: a frame that changes nothing a chart draws (at 15 minutes, two frames in three for event
 * rates, whose rows are 3 s wide) then hands the chart the very object it drew, and memoised parts skip the render.
 */
export function keepUnchanged(prev: ChartSeries | null, next: ChartSeries): ChartSeries {
  if (!prev) return next;
  const times = sameValues(prev.times, next.times) ? prev.times : next.times;
  const segments = sameValues(prev.segments, next.segments) ? prev.segments : next.segments;
  let allKept = times === prev.times && segments === prev.segments;
  const columns = new Map<string, Column>();
  for (const [segment, column] of next.columns) {
    const before = prev.columns.get(segment);
    const kept = before && sameColumn(before, column) ? before : column;
    if (kept !== before) allKept = false;
    columns.set(segment, kept);
  }
  if (allKept && next.start === prev.start && next.end === prev.end && next.stepMs === prev.stepMs)
    return prev;
  return { ...next, times, segments, columns };
}

/** Same length and values, a gap (NaN) matching a gap. */
function sameColumn(a: Column, b: Column): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

function sameValues<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
