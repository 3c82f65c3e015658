/** @module Frames and snapshots cut down to some segments, for display tokens limited to them. */
import type { Frame, Snapshot } from '../../shared/schemas/frame.js';

/** Room of the screens limited to a set of segments (sorted, comma-joined). */
export const segmentLiveRoom = (segments: readonly string[]) => `live-seg:${[...segments].sort().join(',')}`;
export const segmentsOfRoom = (room: string) => room.slice('live-seg:'.length).split(',');

export function filterFrame(frame: Frame, segments: readonly string[]): Frame {
  const keep = new Set(segments);
  return {
    ...frame,
    points: frame.points.filter((p) => keep.has(p.segment)),
    segments: frame.segments.filter((s) => keep.has(s.segment)),
    topHosts: frame.topHosts.filter((h) => keep.has(h.segment)),
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
  };
}
