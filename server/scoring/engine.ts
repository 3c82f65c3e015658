/**
 * @module The scoring engine: routes events to host and segment entities, closes one-second event-time buckets,
 * asks every detector for its reasons and combines them into 0–100 scores. Pure: the caller passes the clock.
 */
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import type { HostScore, Reason, SegmentScore } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { combine } from './baseline.js';
import { SeriesBuffer } from './series.js';
import type { Detector, EntityType } from './types.js';

export interface EngineOptions {
  detectors: readonly Detector[];
  /** Buckets close this long after their end, to take late and out-of-order events. @default 1000 */
  graceMs?: number;
  /** Half-life of a score once its evidence stops, event time. @default 30000 */
  scoreHalfLifeMs?: number;
  /** Entities idle this long (event time) are forgotten. @default 900000 (15 min) */
  idleTtlMs?: number;
  /** Hard cap on entities kept; the longest idle go first. @default 200000 */
  maxEntities?: number;
  /** Recent events kept per host for drill-down. @default 20 */
  recentPerHost?: number;
  /** Events are "live" when they are no older than this at arrival; live windows advance with the wall clock. */
  liveLagMs?: number;
}

interface Entity {
  type: EntityType;
  id: string;
  segment: string;
  /** One state per detector that scores this entity type, same order as `detectorsFor(type)`. */
  states: unknown[];
  /** Start of the bucket currently filling, or -1 when nothing is pending evaluation. */
  openBucket: number;
  lastEvaluated: number;
  lastSeen: number;
  score: number;
  scoreAt: number;
  reasons: Reason[];
  spark: number[] | null;
  recent: NormalizedEvent[] | null;
}

const SPARK = 60;

export class ScoringEngine {
  readonly series = new SeriesBuffer();
  private readonly entities = new Map<string, Entity>();
  /** Entities with an open bucket not yet evaluated. */
  private readonly pending = new Set<Entity>();
  /** Entities with a non-zero score (for top lists and sparklines). */
  private readonly scored = new Set<Entity>();
  private readonly byType: Record<EntityType, Detector[]>;
  private readonly grace: number;
  private readonly halfLife: number;
  private readonly ttl: number;
  private readonly maxEntities: number;
  private readonly recentPerHost: number;
  private readonly liveLag: number;
  private maxEventTs = 0;
  private maxEventArrival = 0;
  private live = false;
  private lastSweep = 0;
  /** Events applied, including late ones. */
  applied = 0;
  late = 0;

  constructor(opts: EngineOptions) {
    this.byType = {
      host: opts.detectors.filter((d) => d.entities.includes('host')),
      segment: opts.detectors.filter((d) => d.entities.includes('segment')),
    };
    this.grace = opts.graceMs ?? 1000;
    this.halfLife = opts.scoreHalfLifeMs ?? 30_000;
    this.ttl = opts.idleTtlMs ?? 15 * 60_000;
    this.maxEntities = opts.maxEntities ?? 200_000;
    this.recentPerHost = opts.recentPerHost ?? 20;
    this.liveLag = opts.liveLagMs ?? 5 * 60_000;
  }

  /** Applies one event. `arrival` is the wall clock (ms) at ingest; `ref` names the event in reasons. */
  ingest(ev: NormalizedEvent, ref: string, arrival: number): void {
    this.applied++;
    if (ev.ts > this.maxEventTs) {
      this.maxEventTs = ev.ts;
      this.maxEventArrival = arrival;
      this.live = arrival - ev.ts <= this.liveLag;
    }
    if (!this.series.add(ev)) this.late++;
    const bucket = ev.ts - (ev.ts % 1000);
    const host = this.entity('host', ev.src_ip, ev.segment);
    this.route(host, ev, ref, bucket);
    if (this.recentPerHost > 0) {
      host.recent ??= [];
      if (host.recent.length >= this.recentPerHost) host.recent.shift();
      host.recent.push(ev);
    }
    this.route(this.entity('segment', ev.segment, ev.segment), ev, ref, bucket);
  }

  /**
   * The event-time clock: the newest event time, moved on by the wall clock while sources are live
   * (so a burst followed by silence still closes its buckets); historical replays advance by event time only.
   */
  eventClock(now: number): number {
    if (this.maxEventTs === 0) return 0;
    return this.live ? this.maxEventTs + Math.max(0, now - this.maxEventArrival) : this.maxEventTs;
  }

  /** Closes every bucket the clock has passed; call once per tick. Returns the watermark. */
  advance(now: number): number {
    const clock = this.eventClock(now);
    if (clock === 0) return 0;
    const upTo = clock - this.grace - ((clock - this.grace) % 1000);
    for (const e of this.pending) if (e.openBucket < upTo) this.evaluate(e, e.openBucket);
    this.series.close(upTo, (segment) => this.segmentScore(segment, upTo));
    for (const e of this.scored) {
      const s = this.decayed(e, upTo);
      if (s < 0.5 && !this.pending.has(e)) {
        this.scored.delete(e);
        e.spark = null;
        continue;
      }
      e.spark ??= [];
      if (e.spark.length >= SPARK) e.spark.shift();
      e.spark.push(Math.round(s));
    }
    if (upTo - this.lastSweep >= 10_000) this.sweep(upTo);
    return upTo;
  }

  private entity(type: EntityType, id: string, segment: string): Entity {
    const key = type === 'host' ? id : `segment:${id}`;
    let e = this.entities.get(key);
    if (!e) {
      e = {
        type,
        id,
        segment,
        states: this.byType[type].map((d) => d.init()),
        openBucket: -1,
        lastEvaluated: -1,
        lastSeen: 0,
        score: 0,
        scoreAt: 0,
        reasons: [],
        spark: null,
        recent: null,
      };
      this.entities.set(key, e);
    }
    return e;
  }

  private route(e: Entity, ev: NormalizedEvent, ref: string, bucket: number): void {
    if (e.openBucket >= 0 && bucket > e.openBucket) this.evaluate(e, e.openBucket);
    if (e.openBucket < 0) {
      // A late event for an entity whose bucket already closed is counted in its next bucket.
      e.openBucket = Math.max(bucket, e.lastEvaluated + 1000);
      this.pending.add(e);
    }
    if (ev.ts > e.lastSeen) e.lastSeen = ev.ts;
    const detectors = this.byType[e.type];
    for (let i = 0; i < detectors.length; i++) detectors[i]!.observe(e.states[i], ev, ref);
  }

  private evaluate(e: Entity, bucketStart: number): void {
    const idleBuckets = e.lastEvaluated < 0 ? 0 : Math.max(0, (bucketStart - e.lastEvaluated) / 1000 - 1);
    const detectors = this.byType[e.type];
    const reasons: Reason[] = [];
    for (let i = 0; i < detectors.length; i++) {
      for (const r of detectors[i]!.evaluate(e.states[i], { bucketStart, idleBuckets })) reasons.push(r);
    }
    e.lastEvaluated = bucketStart;
    e.openBucket = -1;
    this.pending.delete(e);
    if (reasons.length === 0) return;
    const score = combine(reasons.map((r) => r.contribution));
    const at = bucketStart + 1000;
    if (score >= this.decayed(e, at)) {
      e.score = score;
      e.scoreAt = at;
      e.reasons = reasons.sort((a, b) => b.contribution - a.contribution);
      this.scored.add(e);
    }
  }

  private decayed(e: Entity, at: number): number {
    if (e.score === 0) return 0;
    return e.score * 0.5 ** (Math.max(0, at - e.scoreAt) / this.halfLife);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    const cutoff = now - this.ttl;
    for (const [key, e] of this.entities) {
      if (e.lastSeen < cutoff && !this.pending.has(e)) {
        this.entities.delete(key);
        this.scored.delete(e);
      }
    }
    if (this.entities.size > this.maxEntities) {
      const oldest = [...this.entities.entries()].sort((a, b) => a[1].lastSeen - b[1].lastSeen);
      for (const [key, e] of oldest.slice(0, this.entities.size - this.maxEntities)) {
        this.entities.delete(key);
        this.scored.delete(e);
        this.pending.delete(e);
      }
    }
  }

  /** A segment's score: its own evidence and its most anomalous host, combined. */
  private segmentScore(segment: string, at: number): number {
    const own = this.entities.get(`segment:${segment}`);
    let topHost = 0;
    for (const e of this.scored)
      if (e.type === 'host' && e.segment === segment) topHost = Math.max(topHost, this.decayed(e, at));
    return Math.round(combine([own ? this.decayed(own, at) : 0, topHost]) * 10) / 10;
  }

  get entityCount(): number {
    return this.entities.size;
  }

  get watermark(): number {
    return this.series.closedBefore;
  }

  topHosts(limit: number, at = this.watermark): HostScore[] {
    return [...this.scored]
      .filter((e) => e.type === 'host')
      .map((e) => ({ e, s: this.decayed(e, at) }))
      .filter((x) => x.s >= 1)
      .sort((a, b) => b.s - a.s)
      .slice(0, limit)
      .map(({ e, s }) => this.hostView(e, s, 3));
  }

  host(ip: string): (HostScore & { recent: NormalizedEvent[] }) | null {
    const e = this.entities.get(ip);
    if (e?.type !== 'host') return null;
    return {
      ...this.hostView(e, this.decayed(e, this.watermark), 20),
      recent: [...(e.recent ?? [])].reverse(),
    };
  }

  private hostView(e: Entity, score: number, reasons: number): HostScore {
    return {
      ip: e.id,
      segment: e.segment,
      score: Math.round(score * 10) / 10,
      reasons: e.reasons.slice(0, reasons),
      spark: e.spark ? [...e.spark] : [],
      lastSeen: e.lastSeen,
    };
  }

  segments(eventsPerSec: (segment: string) => number): SegmentScore[] {
    const at = this.watermark;
    return [...this.series.segments].sort().map((segment) => {
      const own = this.entities.get(`segment:${segment}`);
      const hosts = [...this.scored].filter((e) => e.type === 'host' && e.segment === segment);
      const rate = own?.states[this.byType.segment.findIndex((d) => d.id === 'rate')] as
        | { rate?: { mean: number; variance: number } }
        | undefined;
      const top = hosts.sort((a, b) => this.decayed(b, at) - this.decayed(a, at))[0];
      return {
        segment,
        score: this.segmentScore(segment, at),
        reasons: [...(own?.reasons ?? []), ...(top?.reasons.slice(0, 1) ?? [])].slice(0, 3),
        activeHosts: this.activeHosts(segment, at),
        eventsPerSec: eventsPerSec(segment),
        baseline: { mean: rate?.rate?.mean ?? 0, std: Math.sqrt(Math.max(rate?.rate?.variance ?? 0, 0)) },
        lastSeen: own?.lastSeen ?? 0,
      };
    });
  }

  private activeHosts(segment: string, at: number): number {
    let n = 0;
    for (const e of this.entities.values())
      if (e.type === 'host' && e.segment === segment && e.lastSeen >= at - 60_000) n++;
    return n;
  }

  /** Open series points, stamped with current segment scores. */
  openPoints(): SeriesPoint[] {
    const at = this.watermark;
    return this.series.openPoints((s) => this.segmentScore(s, at));
  }
}
