/**
 * @module Rows for the explored history charts from `/api/series` points: per time, the events per second summed
 * over the segments asked for and the highest segment score. Pure.
 */
import type { SeriesRatesPoint } from '../../../../shared/schemas/api.js';
import type { ExploreRow } from '../../components/explore/explore-types.js';
import { t } from '../../i18n/index.js';
import { formatClockShort, formatDuration } from '../../lib/format.js';

/** The history windows offered: 1 h, 6 h, 24 h (said in the screen's language by `rangeLabel`). */
export const HISTORY_RANGES = [{ ms: 3_600_000 }, { ms: 21_600_000 }, { ms: 86_400_000 }] as const;

/** A history window in the screen's words: "6 h", "6 val.". */
export const rangeLabel = (ms: number): string => t('unit.hours', { n: ms / 3_600_000 });

/**
 * Where a history chart really starts, when its first point comes later than its window's start (a new server, a 12 h
 * shift, a window that began quiet): "The chart starts at 05:05 UTC, the first point of this window (1 h 8 min of the
 * 12 h shown)…"; '' when the first point is within two steps of the start. The chart starts at its first row, so
 * without this a short history read as a quiet window. `end`: the window's end (now).
 */
export function historySince(
  history: { rows: readonly ExploreRow[]; state: string; stepS: number; placeholder: boolean },
  rangeMs: number,
  end: number,
): string {
  const first = history.rows[0]?.t;
  // the previous window's rows, kept while this one's come, say nothing of this one
  if (history.state !== 'ready' || history.placeholder || first === undefined) return '';
  if (first - (end - rangeMs) <= 2 * history.stepS * 1000) return '';
  return t('explore.historySince', {
    time: formatClockShort(first),
    kept: formatDuration((end - first) / 1000),
    window: rangeLabel(rangeMs),
  });
}

/** Points a history chart asks for in all (a plot is about 1,000–1,500 px wide; decimation keeps each pixel's extremes). */
export const HISTORY_POINTS = 2000;

/**
 * Seconds per point for a window over `segments` segments: about `HISTORY_POINTS` points in all (at least 100 per
 * segment), so that the answer stays small enough to read without holding the page (a whole network's day at one
 * point a second is 1.7 million points). The server keeps each step's highest score, so a score spike survives.
 */
export function historyStep(rangeMs: number, segments = 1): number {
  const perSegment = Math.max(100, Math.floor(HISTORY_POINTS / Math.max(1, segments)));
  return roundStep(rangeMs / 1000 / perSegment);
}

/** The steps a history chart is cut into (seconds): whole clock units, so that a step reads "3 min", not "173 s". */
const ROUND_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600] as const;

/**
 * The smallest round step (see {@link ROUND_STEPS}) of at least `seconds` that is a whole number of `unit` seconds
 * (the sensors' history is kept per 10 s); the longest above that. Its points then fall on whole minutes and hours.
 */
export function roundStep(seconds: number, unit = 1): number {
  const fits = ROUND_STEPS.filter((s) => s % unit === 0);
  return fits.find((s) => s >= seconds) ?? fits.at(-1)!;
}

/** A step in the screen's words: "10 s", "3 min", "1 h" (a round step is a whole number of its largest unit). */
export function stepLabel(stepS: number): string {
  if (stepS < 60 || stepS % 60 !== 0) return t('unit.seconds', { n: stepS });
  if (stepS < 3600 || stepS % 3600 !== 0) return t('unit.minutes', { n: stepS / 60 });
  return t('unit.hours', { n: stepS / 3600 });
}

/** One row per time: `events` (per second, summed), `score` (the highest), `bytes` (out per second, summed). */
export function historyRows(points: readonly SeriesRatesPoint[]): ExploreRow[] {
  const byT = new Map<number, { t: number; events: number; score: number; bytes: number }>();
  for (const p of points) {
    const row = byT.get(p.t);
    if (row) {
      row.events += p.events;
      row.bytes += p.bytesOut;
      row.score = Math.max(row.score, p.score);
    } else byT.set(p.t, { t: p.t, events: p.events, score: p.score, bytes: p.bytesOut });
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}
