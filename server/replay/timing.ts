/**
 * @module Replay timing (pure): the capture's timeline with its long gaps compressed (`--max-gap`), then when each
 * record is sent and how far its timestamps move, from `--speed` and `--rebase`.
 */

export type Speed = number | 'max';
export type Rebase = 'now' | 'keep';

/** Default `--max-gap`: a minute of original time. */
export const DEFAULT_MAX_GAP_MS = 60_000;

/** A silence of the capture longer than `--max-gap`, shortened to it. */
export interface Gap {
  /** Event times either side, ms. */
  from: number;
  to: number;
  /** Index (in event-time order) of the record after the gap. */
  index: number;
}

/** The capture's timeline with every gap longer than `maxGapMs` shortened to `maxGapMs`. */
export interface Timeline {
  /** Event time of the first record, ms (0 when there are none). */
  readonly first: number;
  /** Compressed time of the last record after the first, ms. */
  readonly span: number;
  /** Original time between the first and the last record, ms. */
  readonly originalSpan: number;
  /** The gaps that were shortened, in order. */
  readonly gaps: readonly Gap[];
  /** Original time removed by the shortening, ms. */
  readonly removedMs: number;
  /** Compressed time of event time `t` after the first record (a time inside a gap is placed at its end). */
  offset(t: number): number;
}

/**
 * Builds the timeline of records whose times are sorted ascending. `maxGapMs` Infinity keeps every gap (no
 * compression). A record far from the rest (a stats line stamped years later) thus costs at most `maxGapMs`.
 */
export function compressTimeline(sorted: readonly number[], maxGapMs: number): Timeline {
  const first = sorted[0] ?? 0;
  const last = sorted.at(-1) ?? first;
  const gaps: Gap[] = [];
  // removed[k] = original time taken out by gaps[0..k]
  const removed: number[] = [];
  let total = 0;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i]! - sorted[i - 1]!;
    if (d > maxGapMs) {
      gaps.push({ from: sorted[i - 1]!, to: sorted[i]!, index: i });
      total += d - maxGapMs;
      removed.push(total);
    }
  }
  const offset = (t: number) => {
    // the last gap that ends at or before t (gaps are few: a binary search is plenty)
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]!.to <= t) lo = mid + 1;
      else hi = mid;
    }
    const before = lo > 0 ? removed[lo - 1]! : 0;
    // inside a gap (no record lies there; kept monotone all the same): at most maxGap after its start
    const inside = lo < gaps.length && t > gaps[lo]!.from ? Math.max(0, t - gaps[lo]!.from - maxGapMs) : 0;
    return t - first - before - inside;
  };
  return { first, span: offset(last), originalSpan: last - first, gaps, removedMs: total, offset };
}

export interface TimingPlan {
  /** Wall clock (ms) at which a record of event time `t` is due; -Infinity at `--speed max`. */
  sendAt(t: number): number;
  /** Milliseconds to add to the timestamps of a record of event time `t`. */
  deltaFor(t: number): number;
}

/**
 * - `--speed N`: a record is due `offset(t) / N` after the start (long gaps compressed first).
 *   `--rebase now` moves its timestamps to that moment, so the first record lands now and, above 1, the
 *   timestamps are compressed by the same factor (and the long gaps to `--max-gap / N`); `--rebase keep` leaves them
 *   as they are.
 * - `--speed max`: everything is due at once. Timestamps cannot be compressed infinitely, so `--rebase now`
 *   keeps the compressed spacing and moves them so the last record lands now (nothing ahead of the clock);
 *   `--rebase keep` leaves them as they are.
 */
export function planTiming(timeline: Timeline, speed: Speed, rebase: Rebase, start: number): TimingPlan {
  if (speed === 'max') {
    const end = start - timeline.span;
    return {
      sendAt: () => Number.NEGATIVE_INFINITY,
      deltaFor: rebase === 'now' ? (t) => end + timeline.offset(t) - t : () => 0,
    };
  }
  const sendAt = (t: number) => start + timeline.offset(t) / speed;
  return { sendAt, deltaFor: rebase === 'now' ? (t) => sendAt(t) - t : () => 0 };
}

/** `--speed` text: a positive number (fractions slow down) or `max`. */
export function parseSpeed(text: string): Speed | null {
  if (text === 'max') return 'max';
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 && n <= 1e6 ? n : null;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `--max-gap` text: `90` (seconds), `500ms`, `30s`, `5m`, `1h`, or `off` (keep every gap). Null when invalid. */
export function parseMaxGap(text: string): number | null {
  if (text === 'off' || text === 'none') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)?$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNITS[m[2] ?? 's']!;
  return Number.isFinite(ms) && ms <= 365 * 86_400_000 ? ms : null;
}
