/**
 * @module The live store: what the socket has told us, as immutable snapshots for `useSyncExternalStore`.
 * A snapshot replaces everything; a frame merges series points by (segment, t) and replaces scores and
 * stats. No I/O here: the socket wiring lives in `lib/live-socket.ts`.
 */
import type { Alert } from '../../../shared/schemas/alert.js';
import type { Frame, SeriesPoint, Snapshot } from '../../../shared/schemas/frame.js';
import type { WallHandover } from '../../../shared/schemas/handover.js';
import type { HostScore, SegmentScore } from '../../../shared/schemas/score.js';
import type { IngestDown, Stats } from '../../../shared/schemas/stats.js';
import type { WatchedHost, WatchKind } from '../../../shared/schemas/watch-mark.js';

/** How much per-second history the client keeps per segment. */
export const BUFFER_MS = 15 * 60_000;
/** Hard cap on segments kept (segment names come from producers; a flood must not exhaust the tab). */
export const MAX_SEGMENTS = 64;
/** Resolved alerts kept (for the queue's "resolved" filter and the handover) before the oldest are dropped. */
export const MAX_RESOLVED = 300;
/** How many recent (client time, rejected total) samples are kept for the DLQ rate. */
const REJECT_SAMPLES = 60;

export type SocketState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface LiveState {
  /** Increments on every change. */
  readonly version: number;
  readonly socket: SocketState;
  /** True once a snapshot has been applied since the page loaded. */
  readonly hasData: boolean;
  /** When (our clock) the first snapshot since the page loaded was applied; 0 before. */
  readonly dataSince: number;
  readonly tickMs: number;
  /** Per segment, ascending by `t`, at most `BUFFER_MS` behind the newest point. */
  readonly series: ReadonlyMap<string, readonly SeriesPoint[]>;
  readonly segments: readonly SegmentScore[];
  /** Segments whose figures are the last known (their scorer is gone; several processes only). */
  readonly stale: readonly string[];
  readonly topHosts: readonly HostScore[];
  /** Every alert heard of, by id; resolved ones too (at most `MAX_RESOLVED` of them). */
  readonly alerts: ReadonlyMap<string, Alert>;
  /** Frames applied since the page loaded (a pause counts the updates it holds back with this). */
  readonly frames: number;
  /** Recent [client time, stats.rejected] samples, oldest first. */
  readonly rejectedSamples: readonly (readonly [number, number])[];
  readonly stats: Stats | null;
  readonly watermark: number;
  /** `frame.now` / `snapshot.now` of the newest message (server clock), and when we received it (our clock). */
  readonly serverNow: number;
  readonly receivedAt: number;
  /** Server clock minus client clock, from the newest message (network delay included). */
  readonly clockOffset: number;
  readonly lastSeq: number | null;
  /** What the wall shows of the written handover (null on screens limited to some segments, or not yet heard). */
  readonly handover: WallHandover | null;
  /** Hosts on this screen (top hosts, unresolved alerts' hosts) that are on the watchlist, and how: the server's word. */
  readonly watched: ReadonlyMap<string, WatchKind>;
  /** What stops ingest now, as the newest frame says (null while ingest goes through). */
  readonly ingestDown: IngestDown | null;
}

export const initialLiveState: LiveState = {
  version: 0,
  socket: 'connecting',
  hasData: false,
  dataSince: 0,
  tickMs: 1000,
  series: new Map(),
  segments: [],
  stale: [],
  topHosts: [],
  alerts: new Map(),
  frames: 0,
  rejectedSamples: [],
  stats: null,
  watermark: 0,
  serverNow: 0,
  receivedAt: 0,
  clockOffset: 0,
  lastSeq: null,
  handover: null,
  watched: new Map(),
  ingestDown: null,
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

  /** A store that holds `state` and never changes (what a paused screen shows). */
  static frozen(state: LiveState): LiveStore {
    const store = new LiveStore();
    store.state = state;
    return store;
  }

  setSocket(socket: SocketState): void {
    if (socket !== this.state.socket) this.commit({ socket });
  }

  /** Replaces all live state. `lastSeq` resets: the next frame starts the sequence again. */
  applySnapshot(s: Snapshot, receivedAt: number): void {
    const series = new Map<string, SeriesPoint[]>();
    mergePoints(series, s.series);
    this.commit({
      hasData: true,
      dataSince: this.state.dataSince || receivedAt,
      tickMs: s.tickMs > 0 ? s.tickMs : 1000,
      series,
      segments: s.segments,
      stale: s.stale ?? [],
      topHosts: s.topHosts,
      alerts: mergeSnapshotAlerts(this.state.alerts, s.alerts),
      stats: s.stats,
      rejectedSamples: pushSample(this.state.rejectedSamples, receivedAt, s.stats?.rejected),
      watermark: s.watermark,
      serverNow: s.now,
      receivedAt,
      clockOffset: s.now - receivedAt,
      lastSeq: null,
      handover: s.handover ?? null,
      watched: watchedMap(s.watched),
      ingestDown: s.ingestDown ?? null,
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
      stale: f.stale ?? [],
      topHosts: f.topHosts,
      watched: watchedMap(f.watched),
      ingestDown: f.ingestDown ?? null,
      stats: f.stats,
      watermark: f.watermark,
      serverNow: f.now,
      receivedAt,
      clockOffset: f.now - receivedAt,
      lastSeq: f.seq,
      frames: this.state.frames + 1,
      rejectedSamples: pushSample(this.state.rejectedSamples, receivedAt, f.stats?.rejected),
    });
    return outcome;
  }

  /** Alerts changed (a socket `alert` event, an action's answer, a list fetched): upsert by version. */
  applyAlerts(list: readonly Alert[]): void {
    let alerts: Map<string, Alert> | null = null;
    for (const a of list) {
      const prev = (alerts ?? this.state.alerts).get(a.id);
      if (prev && prev.version >= a.version) continue;
      alerts ??= new Map(this.state.alerts);
      alerts.set(a.id, a);
    }
    if (alerts) this.commit({ alerts: capResolved(alerts) });
  }

  applyAlert(a: Alert): void {
    this.applyAlerts([a]);
  }

  /** The handover's part for the wall changed (socket `handover` event). */
  applyHandover(handover: WallHandover): void {
    this.commit({ handover });
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
 * so earlier snapshots of the store stay intact; a segment the points touch is copied once, from its first point
 * that stays (every frame moves the buffer on, and this runs for every segment on every frame).
 */
export function mergePoints(
  series: Map<string, readonly SeriesPoint[]>,
  points: readonly SeriesPoint[],
): void {
  // The segments the points go to (a new one only under the cap), and the newest time once they are in.
  const incoming = new Map<string, SeriesPoint[]>();
  let added = 0;
  let newest = Number.NEGATIVE_INFINITY;
  for (const arr of series.values()) {
    const last = arr[arr.length - 1];
    if (last && last.t > newest) newest = last.t;
  }
  for (const p of points) {
    let list = incoming.get(p.segment);
    if (!list) {
      if (!series.has(p.segment)) {
        if (series.size + added >= MAX_SEGMENTS) continue;
        added++;
      }
      list = [];
      incoming.set(p.segment, list);
    }
    list.push(p);
    if (p.t > newest) newest = p.t;
  }
  const cutoff = newest - BUFFER_MS;
  for (const [segment, list] of incoming) {
    const existing = series.get(segment);
    const arr = existing ? existing.slice(lowerBound(existing, cutoff + 1)) : [];
    for (const p of list) if (p.t > cutoff) insertPoint(arr, p);
    if (arr.length === 0) series.delete(segment);
    else series.set(segment, arr);
  }
  for (const [segment, arr] of series) {
    if (incoming.has(segment) || arr.length === 0 || arr[0]!.t > cutoff) continue;
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

/** A snapshot lists the unresolved alerts; resolved ones we already know are kept for the queue and handover. */
function mergeSnapshotAlerts(prev: ReadonlyMap<string, Alert>, fresh: readonly Alert[]): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const a of prev.values()) if (a.state === 'resolved') out.set(a.id, a);
  for (const a of fresh) out.set(a.id, a);
  return capResolved(out);
}

function capResolved(alerts: Map<string, Alert>): Map<string, Alert> {
  let resolved = 0;
  for (const a of alerts.values()) if (a.state === 'resolved') resolved++;
  if (resolved <= MAX_RESOLVED) return alerts;
  const oldest = [...alerts.values()]
    .filter((a) => a.state === 'resolved')
    .sort((a, b) => a.lastSeen - b.lastSeen)
    .slice(0, resolved - MAX_RESOLVED);
  for (const a of oldest) alerts.delete(a.id);
  return alerts;
}

/** Adds a sample; a screen limited to some segments has no network-wide figure (`undefined`) and keeps none. */
function pushSample(
  samples: readonly (readonly [number, number])[],
  at: number,
  value: number | undefined,
): readonly (readonly [number, number])[] {
  if (value === undefined) return samples;
  const out = samples.length >= REJECT_SAMPLES ? samples.slice(1) : samples.slice();
  out.push([at, value]);
  return out;
}

/** Entries dead-lettered per second over the last `windowMs` of samples (0 with fewer than two samples). */
export function rejectedRate(samples: readonly (readonly [number, number])[], windowMs = 10_000): number {
  const last = samples[samples.length - 1];
  if (!last) return 0;
  let first = last;
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (last[0] - s[0] > windowMs) break;
    first = s;
  }
  const dt = (last[0] - first[0]) / 1000;
  if (dt <= 0) return 0;
  return Math.max(0, (last[1] - first[1]) / dt);
}

/** The server's watched hosts by address. */
function watchedMap(list: readonly WatchedHost[] | undefined): ReadonlyMap<string, WatchKind> {
  return new Map((list ?? []).map((w) => [w.ip, w.kind]));
}
