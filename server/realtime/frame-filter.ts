/**
 * @module Frames and snapshots cut down to some segments, for screens limited to them: their segments' own series,
 * scores, hosts, alerts and which of those hosts are watched; the network-wide ingest figures (`stats`) are left out.
 * And alerts as walls get them (no notes).
 */
import type { Alert } from '../../shared/schemas/alert.js';
import type { Frame, Snapshot } from '../../shared/schemas/frame.js';

/**
 * An alert as a wall gets it: without its notes. The wall shows none, and a display token (carried in a URL, valid
 * until revoked) is not an analyst: the notes name informants, accounts, what the hunt suspects.
 */
export function wallAlert(alert: Alert): Alert {
  return alert.notes.length ? { ...alert, notes: [] } : alert;
}

/** A snapshot as a wall gets it: its alerts without their notes. */
export function wallSnapshot(s: Snapshot): Snapshot {
  return { ...s, alerts: s.alerts.map(wallAlert) };
}

export function filterFrame(frame: Frame, segments: readonly string[]): Frame {
  const keep = new Set(segments);
  return {
    ...frame,
    points: frame.points.filter((p) => keep.has(p.segment)),
    segments: frame.segments.filter((s) => keep.has(s.segment)),
    topHosts: frame.topHosts.filter((h) => keep.has(h.segment)),
    stats: null,
    ...(frame.stale ? { stale: frame.stale.filter((s) => keep.has(s)) } : {}),
    ...watchedWithin(frame.watched, keep),
  };
}

export function filterSnapshot(s: Snapshot, segments: readonly string[]): Snapshot {
  if (segments.length === 0) return s;
  const keep = new Set(segments);
  return {
    ...s,
    series: s.series.filter((p) => keep.has(p.segment)),
    segments: s.segments.filter((x) => keep.has(x.segment)),
    topHosts: s.topHosts.filter((h) => keep.has(h.segment)),
    alerts: s.alerts.filter((a) => keep.has(a.segment)),
    stats: null,
    // the leads' notes speak of the whole network
    handover: undefined,
    ...(s.stale ? { stale: s.stale.filter((x) => keep.has(x)) } : {}),
    ...watchedWithin(s.watched, keep),
  };
}

/** The watched hosts of the kept segments only (none at all when none is left). */
function watchedWithin(watched: Frame['watched'], keep: Set<string>): Pick<Frame, 'watched'> {
  const within = watched?.filter((w) => keep.has(w.segment)) ?? [];
  return { watched: within.length ? within : undefined };
}
