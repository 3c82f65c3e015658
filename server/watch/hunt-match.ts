/**
 * @module A saved hunt's filters applied to alerts, scored hosts and recent events (segment, detector, technique,
 * intelligence feed, score, time range). Pure.
 */
import { attackOfReasons, techniqueMatches } from '../../shared/attack.js';
import type { Alert } from '../../shared/schemas/alert.js';
import type { HostScore, Reason } from '../../shared/schemas/score.js';
import type { HuntFilters } from '../../shared/schemas/watch.js';

export interface HuntRange {
  from: number;
  to: number;
  /** "The last so many minutes": anything newer than `from` counts (event time may run a little ahead of `now`). */
  openEnded: boolean;
}

/** The time range of the filters at `now`: from/to, or the last so many minutes (default the last 24 hours). */
export function huntRange(f: HuntFilters, now: number): HuntRange {
  if (f.from !== undefined || f.to !== undefined)
    return { from: f.from ?? 0, to: f.to ?? now, openEnded: false };
  return { from: now - (f.lastMinutes ?? 24 * 60) * 60_000, to: now, openEnded: true };
}

const after = (t: number, r: HuntRange) => !r.openEnded && t > r.to;

/** Whether reasons satisfy the detector, technique and feed filters. */
function reasonsMatch(reasons: readonly Reason[], f: HuntFilters): boolean {
  if (f.detector && !reasons.some((r) => r.detector === f.detector)) return false;
  if (f.technique) {
    const { techniques } = attackOfReasons({ reasons });
    if (!techniques.some((t) => techniqueMatches(f.technique!, t))) return false;
  }
  if (f.feed && !reasons.some((r) => r.intel?.feed === f.feed)) return false;
  return true;
}

export function alertMatches(a: Alert, f: HuntFilters, range: HuntRange): boolean {
  if (f.segment && a.segment !== f.segment) return false;
  if (f.minScore !== undefined && a.peakScore < f.minScore) return false;
  if (a.lastSeen < range.from || after(a.firstSeen, range)) return false;
  const reasons = [...a.reasons, ...a.raiseReasons, ...a.peakReasons];
  if (f.detector && a.detector === f.detector) return reasonsMatch(reasons, { ...f, detector: undefined });
  return reasonsMatch(reasons, f);
}

export function hostMatches(h: HostScore, f: HuntFilters, range: HuntRange): boolean {
  if (f.segment && h.segment !== f.segment) return false;
  if (f.minScore !== undefined && h.score < f.minScore) return false;
  if (h.lastSeen < range.from || after(h.lastSeen, range)) return false;
  return reasonsMatch(h.reasons, f);
}

/** A recent event of a matched host, within the range (and the segment). */
export function eventMatches(e: Record<string, unknown>, f: HuntFilters, range: HuntRange): boolean {
  if (typeof e.ts !== 'number' || e.ts < range.from || after(e.ts, range)) return false;
  if (f.segment && e.segment !== f.segment) return false;
  return true;
}
