/**
 * @module The live store: what the socket has told us, as immutable snapshots for `useSyncExternalStore`.
 * A snapshot replaces everything; a frame merges series points by (segment, t) and replaces scores and
 * stats. No I/O here: the socket wiring lives in `lib/live-socket.ts`.
 */
import type { Alert } from '../../../shared/schemas/alert.js';
import type { Frame, SeriesPoint, Snapshot } from '../../../shared/schemas/frame.js';
import type { HostScore, SegmentScore } from '../../../shared/schemas/score.js';
import type { Stats } from '../../../shared/schemas/stats.js';

/** How much per-second history the client keeps per segment. */
export const BUFFER_MS = 15 * 60_000;
/** Hard cap on segments kept (segment names come from producers; a flood must not exhaust the tab). */
export const MAX_SEGMENTS = 64;

export type SocketState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface LiveState {
  /** Increments on every change. */
  readonly version: number;
  readonly socket: SocketState;
  /** True once a snapshot has been applied since the page loaded. */
  readonly hasData: boolean;
  readonly tickMs: number;
  /** Per segment, ascending by `t`, at most `BUFFER_MS` behind the newest point. */
  readonly series: ReadonlyMap<string, readonly SeriesPoint[]>;
  readonly segments: readonly SegmentScore[];
  readonly topHosts: readonly HostScore[];
  readonly alerts: ReadonlyMap<string, Alert>;
  readonly stats: Stats | null;
  readonly watermark: number;
  /** `frame.now` / `snapshot.now` of the newest message (server clock), and when we received it (our clock). */
  readonly serverNow: number;
  readonly receivedAt: number;
  /** Server clock minus client clock, from the newest message (network delay included). */
  readonly clockOffset: number;
  readonly lastSeq: number | null;
}

export const initialLiveState: LiveState = {
  version: 0,
  socket: 'connecting',
  hasData: false,
  tickMs: 1000,
  series: new Map(),
  segments: [],
  topHosts: [],
  alerts: new Map(),
  stats: null,
  watermark: 0,
  serverNow: 0,
  receivedAt: 0,
  clockOffset: 0,
  lastSeq: null,
};

export type FrameOutcome = 'applied' | 'gap' | 'duplicate';

export class LiveStore {
  private state: LiveState = initialLiveState;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): LiveState => this.state;

  setSocket(socket: SocketState): void {
    if (socket !== this.state.socket) this.commit({ socket });
  }

  /** Replaces all live state. `lastSeq` resets: the next frame starts the sequence again. */
  applySnapshot(s: Snapshot, receivedAt: number): void {
    const series = new Map<string, SeriesPoint[]>();
    mergePoints(series, s.series);
    this.commit({
      hasData: true,
      tickMs: s.tickMs > 0 ? s.tickMs : 1000,
      series,
      segments: s.segments,
      topHosts: s.topHosts,
      alerts: new Map(s.alerts.filter((a) => a.state !== 'resolved').map((a) => [a.id, a])),
      stats: s.stats,
      watermark: s.watermark,
      serverNow: s.now,
      receivedAt,
      clockOffset: s.now - receivedAt,
      lastSeq: null,
    });
  }

  /** Merges a frame. Returns `gap` when frames were missed (the caller should resync). */
  applyFrame(f: Frame, receivedAt: number): FrameOutcome {
    const last = this.state.lastSeq;
    if (last !== null && f.seq === last) return 'duplicate';
    const outcome: FrameOutcome = last !== null && f.seq !== last + 1 ? 'gap' : 'applied';
    const series = new Map(this.state.series) as Map<string, SeriesPoint[]>;
    mergePoints(series, f.points);
    this.commit({
      series,
      segments: f.segments,
      topHosts: f.topHosts,
      stats: f.stats,
      watermark: f.watermark,
      serverNow: f.now,
      receivedAt,
      clockOffset: f.now - receivedAt,
      lastSeq: f.seq,
    });
    return outcome;
  }

  /** One alert changed: upsert, or drop once resolved. */
  applyAlert(a: Alert): void {
    const prev = this.state.alerts.get(a.id);
    if (prev && prev.version > a.version) return;
    const alerts = new Map(this.state.alerts);
    if (a.state === 'resolved') alerts.delete(a.id);
    else alerts.set(a.id, a);
    this.commit({ alerts });
  }

  /** Back to nothing (logout). */
  reset(): void {
    this.state = { ...initialLiveState, version: this.state.version + 1 };
    this.emit();
  }

  private commit(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * Merges points into per-segment arrays, replacing an existing (segment, t), keeping each array sorted,
 * then drops everything more than `BUFFER_MS` older than the newest point. Arrays that change are copied,
 * so earlier snapshots of the store stay intact.
 */
export function mergePoints(
  series: Map<string, readonly SeriesPoint[]>,
  points: readonly SeriesPoint[],
): void {
  const touched = new Map<string, SeriesPoint[]>();
  for (const p of points) {
    let arr = touched.get(p.segment);
    if (!arr) {
      const existing = series.get(p.segment);
      if (!existing && series.size + touched.size >= MAX_SEGMENTS) continue;
      arr = existing ? existing.slice() : [];
      touched.set(p.segment, arr);
    }
    insertPoint(arr, p);
  }
  for (const [segment, arr] of touched) series.set(segment, arr);

  let newest = Number.NEGATIVE_INFINITY;
  for (const arr of series.values()) {
    const last = arr[arr.length - 1];
    if (last && last.t > newest) newest = last.t;
  }
  const cutoff = newest - BUFFER_MS;
  for (const [segment, arr] of series) {
    if (arr.length === 0 || arr[0]!.t > cutoff) continue;
    const keep = arr.slice(lowerBound(arr, cutoff + 1));
    if (keep.length === 0) series.delete(segment);
    else series.set(segment, keep);
  }
}

function insertPoint(arr: SeriesPoint[], p: SeriesPoint): void {
  const last = arr[arr.length - 1];
  if (!last || p.t > last.t) {
    arr.push(p);
    return;
  }
  const i = lowerBound(arr, p.t);
  if (arr[i]?.t === p.t) arr[i] = p;
  else arr.splice(i, 0, p);
}

/** First index whose `t` is ≥ `t`. */
export function lowerBound(arr: readonly SeriesPoint[], t: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
