/**
 * @module Replay timing (pure): when each record is sent and how far its timestamps move, from `--speed` and
 * `--rebase`.
 */

export type Speed = number | 'max';
export type Rebase = 'now' | 'keep';

export interface TimingPlan {
  /** Wall clock (ms) at which a record of event time `t` is due; -Infinity at `--speed max`. */
  sendAt(t: number): number;
  /** Milliseconds to add to the timestamps of a record of event time `t`. */
  deltaFor(t: number): number;
}

/**
 * - `--speed N`: a record is due `(t − first) / N` after the start.
 *   `--rebase now` moves its timestamps to that moment, so the first record lands now and, above 1, the
 *   timestamps are compressed by the same factor; `--rebase keep` leaves them as they are.
 * - `--speed max`: everything is due at once. Timestamps cannot be compressed infinitely, so `--rebase now`
 *   keeps their spacing and moves them so the last record lands now (nothing ahead of the clock);
 *   `--rebase keep` leaves them as they are.
 */
export function planTiming(
  first: number,
  last: number,
  speed: Speed,
  rebase: Rebase,
  start: number,
): TimingPlan {
  if (speed === 'max') {
    const shift = rebase === 'now' ? start - last : 0;
    return { sendAt: () => Number.NEGATIVE_INFINITY, deltaFor: () => shift };
  }
  const sendAt = (t: number) => start + (t - first) / speed;
  return { sendAt, deltaFor: rebase === 'now' ? (t) => sendAt(t) - t : () => 0 };
}

/** `--speed` text: a positive number (fractions slow down) or `max`. */
export function parseSpeed(text: string): Speed | null {
  if (text === 'max') return 'max';
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 && n <= 1e6 ? n : null;
}
