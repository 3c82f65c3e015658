/** @module Per-segment one-second event-time buckets: open ones fill, closed ones go to a bounded live buffer. */
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import type { EventKind, NormalizedEvent } from '../../shared/schemas/telemetry.js';

export const LIVE_WINDOW_MS = 15 * 60_000;

/** A point with no events; open until its bucket closes (`open: false` for history and late corrections). */
export const emptyPoint = (segment: string, t: number, open = true): SeriesPoint => ({
  segment,
  t,
  events: 0,
  bytesOut: 0,
  byKind: { flow: 0, ids: 0, dns: 0, auth: 0 },
  score: 0,
  open,
});

/** Adds an event's counts to a point. */
export function addToPoint(p: SeriesPoint, ev: NormalizedEvent): void {
  p.events++;
  p.bytesOut += ev.bytes_out ?? 0;
  p.byKind[ev.kind as EventKind]++;
}

export interface SeriesState {
  closedUpTo: number;
  segments: string[];
  open: SeriesPoint[];
}

export class SeriesBuffer {
  /** Open buckets by segment, then by bucket start. */
  private readonly open = new Map<string, Map<number, SeriesPoint>>();
  /** Closed points, oldest first, at most the live window. */
  private readonly closed: SeriesPoint[] = [];
  private head = 0;
  /** Points closed since the last `drainClosed()`. */
  private fresh: SeriesPoint[] = [];
  /** Counts of events that arrived after their bucket closed, for the history store. */
  private late: SeriesPoint[] = [];
  private closedUpTo = 0;
  readonly segments = new Set<string>();

  /** The point each segment last added to (most events of a segment fall in the same second). */
  private readonly lastPoint = new Map<string, SeriesPoint>();

  /** Adds an event to its bucket; returns false when the bucket had already closed (a late event). */
  add(ev: NormalizedEvent): boolean {
    const t = ev.ts - (ev.ts % 1000);
    const last = this.lastPoint.get(ev.segment);
    if (last !== undefined && last.t === t && last.open) {
      addToPoint(last, ev);
      return true;
    }
    this.segments.add(ev.segment);
    if (t < this.closedUpTo) {
      const p = emptyPoint(ev.segment, t, false);
      addToPoint(p, ev);
      this.late.push(p);
      return false;
    }
    let bySeg = this.open.get(ev.segment);
    if (!bySeg) {
      bySeg = new Map();
      this.open.set(ev.segment, bySeg);
    }
    let p = bySeg.get(t);
    if (!p) {
      p = emptyPoint(ev.segment, t);
      bySeg.set(t, p);
    }
    this.lastPoint.set(ev.segment, p);
    addToPoint(p, ev);
    return true;
  }

  /**
   * Closes every bucket that starts before `upTo`, filling seconds without events with zero points (at most the
   * live window) for every known segment. `scoreOf` gives the segment score stamped on the closed point.
   */
  close(upTo: number, scoreOf: (segment: string) => number): void {
    if (upTo <= this.closedUpTo) return;
    const from = this.closedUpTo === 0 ? upTo - 1000 : Math.max(this.closedUpTo, upTo - LIVE_WINDOW_MS);
    for (const segment of this.segments) {
      const bySeg = this.open.get(segment);
      const score = scoreOf(segment);
      for (let t = from; t < upTo; t += 1000) {
        const p = bySeg?.get(t) ?? emptyPoint(segment, t);
        bySeg?.delete(t);
        p.open = false;
        p.score = score;
        this.push(p);
      }
      if (bySeg) {
        for (const [t, p] of bySeg) {
          if (t < upTo) {
            bySeg.delete(t);
            p.open = false;
            p.score = score;
            this.late.push(p);
          }
        }
      }
    }
    this.closedUpTo = upTo;
    this.trim(upTo - LIVE_WINDOW_MS);
  }

  private push(p: SeriesPoint): void {
    this.closed.push(p);
    this.fresh.push(p);
  }

  private trim(before: number): void {
    while (this.head < this.closed.length && this.closed[this.head]!.t < before) this.head++;
    if (this.head > 4096 && this.head * 2 > this.closed.length) {
      this.closed.splice(0, this.head);
      this.head = 0;
    }
  }

  /**
   * Points from before a restart (the history store) as the start of the live window, so that screens connecting
   * after a restart see the last minutes instead of empty charts. Only into a buffer that has closed nothing yet;
   * they are not handed out again for the history store. The time the process was down stays a gap.
   */
  seed(points: readonly SeriesPoint[]): void {
    if (this.closedUpTo !== 0 || this.closed.length > this.head) return;
    for (const p of [...points].sort((a, b) => a.t - b.t)) {
      this.closed.push({ ...p, byKind: { ...p.byKind }, open: false });
      this.segments.add(p.segment);
    }
  }

  /** Open points (still filling), each stamped with the segment's current score. */
  openPoints(scoreOf: (segment: string) => number): SeriesPoint[] {
    const out: SeriesPoint[] = [];
    for (const [segment, bySeg] of this.open) {
      const score = scoreOf(segment);
      for (const p of bySeg.values()) out.push({ ...p, byKind: { ...p.byKind }, score });
    }
    return out.sort((a, b) => a.t - b.t);
  }

  /** Points closed since the previous call (for the next frame and the history store). */
  drainClosed(): SeriesPoint[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  drainLate(): SeriesPoint[] {
    const out = this.late;
    this.late = [];
    return out;
  }

  /** Closed points of the live window, oldest first. */
  window(since = 0): SeriesPoint[] {
    const out: SeriesPoint[] = [];
    for (let i = this.head; i < this.closed.length; i++) {
      const p = this.closed[i]!;
      if (p.t >= since) out.push(p);
    }
    return out;
  }

  /** Open buckets and where closing stands, for a partition snapshot (closed points are in the history store). */
  exportState(): SeriesState {
    const open: SeriesPoint[] = [];
    for (const bySeg of this.open.values()) for (const p of bySeg.values()) open.push(p);
    return { closedUpTo: this.closedUpTo, segments: [...this.segments], open };
  }

  /** Loads what `exportState` gave into this (fresh) buffer. */
  importState(state: SeriesState): void {
    this.closedUpTo = state.closedUpTo;
    for (const s of state.segments) this.segments.add(s);
    for (const p of state.open) {
      let bySeg = this.open.get(p.segment);
      if (!bySeg) {
        bySeg = new Map();
        this.open.set(p.segment, bySeg);
      }
      bySeg.set(p.t, p);
    }
  }

  get closedBefore(): number {
    return this.closedUpTo;
  }
}
