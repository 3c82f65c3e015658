/**
 * @module The alert rule, the one truth of when evidence becomes an alert: the product's alert engine and
 * `npm run eval` both apply it, with the thresholds admins set (server/settings.ts stores them over these
 * defaults). An entity's alert is raised once its score has stayed at or above `raise` for `raiseHoldMs`, and its
 * episode ends only once the score has stayed below `clear` (< `raise`: hysteresis) for `clearHoldMs`, so a score
 * oscillating around a threshold neither flaps nor counts twice. A watched entity (on a lead's watchlist) is raised at
 * `watchRaise` instead, with the same hysteresis gap below it (`thresholdsFor`): the same rule, lower thresholds. Severity bands are `SEVERITY_BANDS` (shared/); the screens get them with the thresholds from `SettingsStore.alerting()`.
 * Pure: the caller samples scores (each tick, at the event-time watermark) and passes the time.
 */
import { type Severity, severityOf } from '../../shared/schemas/alert.js';

export interface RaiseSettings {
  /** Score at which an alert is raised. @default 60 */
  raise: number;
  /** Time the score must stay at or above `raise`, ms. @default 3000 */
  raiseHoldMs: number;
  /** Score below which the episode may end. @default 40 */
  clear: number;
  /** Time the score must stay below `clear`, ms. @default 30000 */
  clearHoldMs: number;
  /** Score at which a watched entity's alert is raised (used when below `raise`). @default 40 */
  watchRaise?: number;
}

export const DEFAULT_RAISE: Readonly<Required<RaiseSettings>> = Object.freeze({
  raise: 60,
  raiseHoldMs: 3000,
  clear: 40,
  clearHoldMs: 30_000,
  watchRaise: 40,
});

/**
 * The thresholds for one entity: a watched one is raised at `watchRaise` (when that is lower than `raise`), and its
 * clear threshold keeps the gap `raise − clear` below it (never above `clear`, never below 0).
 */
export function thresholdsFor(s: RaiseSettings, watched: boolean): RaiseSettings {
  const watchRaise = s.watchRaise ?? DEFAULT_RAISE.watchRaise;
  if (!watched || watchRaise >= s.raise) return s;
  return { ...s, raise: watchRaise, clear: Math.max(0, Math.min(s.clear, watchRaise - (s.raise - s.clear))) };
}

/** The rule's state for one entity. */
export interface RuleState {
  /** Time of the first sample of the current run at or above `raise`, or null. */
  aboveSince: number | null;
  /** Time of the first sample of the current run below `clear` while active, or null. */
  belowSince: number | null;
  /** Whether an episode is open (raised and not yet cleared). */
  active: boolean;
}

export const newRuleState = (): RuleState => ({ aboveSince: null, belowSince: null, active: false });

/** What one sample did: opened an episode, closed it, kept it open, or nothing (no episode). */
export type RuleStep = 'raise' | 'clear' | 'active' | 'idle';

/** Applies the rule to one sample of an entity's score at `at` (samples in time order). */
export function stepRule(t: RuleState, score: number, at: number, s: RaiseSettings): RuleStep {
  if (score >= s.raise) {
    t.aboveSince ??= at;
    t.belowSince = null;
    if (t.active) return 'active';
    if (at - t.aboveSince < s.raiseHoldMs) return 'idle';
    t.active = true;
    return 'raise';
  }
  t.aboveSince = null;
  if (!t.active) return 'idle';
  if (score >= s.clear) {
    t.belowSince = null;
    return 'active';
  }
  t.belowSince ??= at;
  if (at - t.belowSince < s.clearHoldMs) return 'active';
  t.active = false;
  t.belowSince = null;
  return 'clear';
}

/** Whether a state can be dropped: no episode open and no run above `raise` in progress. */
export const isIdle = (t: RuleState): boolean => !t.active && t.aboveSince === null;

/** An alert's severity from its score; a score raised under a lower raise threshold is still at least medium. */
export const severityFor = (score: number): Severity => severityOf(score) ?? 'medium';
