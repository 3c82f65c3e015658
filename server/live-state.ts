/**
 * @module The live state of one instance: applies accepted events to the scorer, closes buckets each tick,
 * writes closed points to history, and builds frames and snapshots from it.
 */
import type { Alert } from '../shared/schemas/alert.js';
import { SENSOR_HISTORY_BUCKET_S } from '../shared/schemas/api.js';
import type { Frame, Snapshot } from '../shared/schemas/frame.js';
import type { HostScore, SegmentScore } from '../shared/schemas/score.js';
import type { IngestDown, Stats } from '../shared/schemas/stats.js';
import type { WatchKind } from '../shared/schemas/watch-mark.js';
import { RateWindow } from './ingest/ingest-health.js';
import type { AcceptedEvent, EventSink } from './ingest/ingest-loop.js';
import type { ScoringEngine } from './scoring/engine.js';
import { LIVE_WINDOW_MS } from './scoring/series.js';
import { type SensorRecord, SensorRegistry } from './sensors.js';

export interface LiveStateOptions {
  engine: ScoringEngine;
  tickMs: number;
  /** Hosts in each frame's top list. @default 10 */
  topHosts?: number;
  /** Persists closed points; failures are reported, the live view goes on. */
  writeHistory?: (points: Frame['points'], late: Frame['points']) => Promise<void>;
  onHistoryError?: (err: Error) => void;
  /**
   * Stores each sensor's events received in the sensors'-history bucket that has just ended (`at`, ms, inside it);
   * failures are reported as the series history's are.
   */
  writeSensorCounts?: (counts: [sensor: string, events: number][], at: number) => Promise<void>;
  /** Whether a host is on the watchlist, and how (its top hosts carry it as `watched`). @default none is */
  watchOf?: (ip: string) => WatchKind | null;
}

export class LiveState implements EventSink {
  private readonly rate = new RateWindow(10);
  private readonly segmentRates = new Map<string, RateWindow>();
  private seq = 0;
  private stats: Stats = {
    ingested: 0,
    rejected: 0,
    rejectedByReason: {},
    eventsPerSec: 0,
    lag: 0,
    lostToTrim: 0,
    pending: 0,
    clients: 0,
    uptimeS: 0,
    newestEventTs: 0,
    applied: 0,
  };
  private newestEventTs = 0;
  /** The sensors'-history bucket the sensors' counts since the last write belong to (its start, ms). */
  private sensorBucket = 0;
  readonly startedAt = Date.now();
  readonly sensors = new SensorRegistry();

  constructor(private readonly o: LiveStateOptions) {}

  get engine(): ScoringEngine {
    return this.o.engine;
  }

  apply(events: readonly AcceptedEvent[], now: number): void {
    const engine = this.o.engine;
    for (const { event, ref } of events) {
      engine.ingest(event, ref, now);
      this.sensors.see(event.sensor, event.segment, event.ts, now);
      if (event.ts > this.newestEventTs) this.newestEventTs = event.ts;
      let w = this.segmentRates.get(event.segment);
      if (!w) {
        w = new RateWindow(10);
        this.segmentRates.set(event.segment, w);
      }
      w.add(1, now);
    }
    this.rate.add(events.length, now);
  }

  /**
   * The sensors a snapshot kept ({@link SensorRegistry.export}): a restarted process lists them, silent if they have
   * not reported since, and its newest event is theirs until a newer one comes (a wall then says how old it is).
   */
  restoreSensors(records: readonly SensorRecord[]): void {
    const newest = this.sensors.restore(records);
    if (newest > this.newestEventTs) this.newestEventTs = newest;
  }

  /** What stops ingest now, if anything (set by the process that ingests; every frame and snapshot says it). */
  ingestDownOf: () => IngestDown | null = () => null;

  /** Merges the latest shared figures (counters, lag, clients) into the stats frames carry. */
  updateStats(partial: Partial<Stats>): void {
    this.stats = { ...this.stats, ...partial };
  }

  currentStats(now = Date.now()): Stats {
    return {
      ...this.stats,
      eventsPerSec: Math.round(this.rate.rate(now) * 10) / 10,
      uptimeS: Math.round((now - this.startedAt) / 1000),
      newestEventTs: this.newestEventTs,
      applied: this.o.engine.applied,
    };
  }

  /** Closes buckets the clock has passed, stores them, and builds the frame for this tick. */
  tick(now: number): Frame {
    const engine = this.o.engine;
    const watermark = engine.advance(now);
    const closed = engine.series.drainClosed();
    const late = engine.series.drainLate();
    if (this.o.writeHistory && (closed.length || late.length)) {
      this.o.writeHistory(closed, late).catch((err: Error) => this.o.onHistoryError?.(err));
    }
    this.saveSensorCounts(now);
    return {
      now,
      seq: ++this.seq,
      watermark,
      points: [...closed, ...engine.openPoints()],
      segments: this.segments(now),
      topHosts: this.topHosts(),
      stats: this.currentStats(now),
      ...this.down(),
    };
  }

  /** What stops ingest now, as a frame or snapshot carries it (nothing when nothing does). */
  down(): { ingestDown?: IngestDown } {
    const cause = this.ingestDownOf();
    return cause ? { ingestDown: cause } : {};
  }

  /** At the first tick of a new bucket, the sensors' counts go to the bucket that ended (received in it, or late). */
  private saveSensorCounts(now: number): void {
    const bucket = now - (now % (SENSOR_HISTORY_BUCKET_S * 1000));
    if (bucket === this.sensorBucket) return;
    const ended = this.sensorBucket;
    this.sensorBucket = bucket;
    // the first tick: what came before it belongs to this bucket, written when it ends
    if (ended === 0 || !this.o.writeSensorCounts) return;
    const counts = this.sensors.takeCounts();
    if (counts.length === 0) return;
    this.o.writeSensorCounts(counts, ended).catch((err: Error) => this.o.onHistoryError?.(err));
  }

  snapshot(now: number, alerts: Alert[] = []): Snapshot {
    const engine = this.o.engine;
    return {
      now,
      seq: this.seq,
      tickMs: this.o.tickMs,
      watermark: engine.watermark,
      series: [...engine.series.window(engine.watermark - LIVE_WINDOW_MS), ...engine.openPoints()],
      segments: this.segments(now),
      topHosts: this.topHosts(),
      alerts,
      stats: this.currentStats(now),
      ...this.down(),
    };
  }

  /** The strongest hosts, each watched one with how (asked here, where the host's recent events are). */
  private topHosts(): HostScore[] {
    const hosts: HostScore[] = this.o.engine.topHosts(this.o.topHosts ?? 10);
    const watchOf = this.o.watchOf;
    if (!watchOf) return hosts;
    return hosts.map((h) => {
      const kind = watchOf(h.ip);
      return kind ? { ...h, watched: kind } : h;
    });
  }

  /** Every segment's score, each of its top hosts that is watched with how (as the top hosts). */
  private segments(now: number): SegmentScore[] {
    const segments = this.o.engine.segments((s) => this.segmentRate(s, now));
    const watchOf = this.o.watchOf;
    if (!watchOf) return segments;
    for (const s of segments)
      s.topHosts = s.topHosts?.map((h) => {
        const kind = watchOf(h.ip);
        return kind ? { ...h, watched: kind } : h;
      });
    return segments;
  }

  private segmentRate(segment: string, now: number): number {
    return Math.round((this.segmentRates.get(segment)?.rate(now) ?? 0) * 10) / 10;
  }
}
