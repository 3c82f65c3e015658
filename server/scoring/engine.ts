/**
 * @module The scoring engine: routes events to host and segment entities, closes one-second event-time buckets,
 * asks every detector for its reasons and combines them into 0–100 scores, held with a decay (the alert rule,
 * server/alerts/alert-rule.ts, samples them), and forgets idle entities. Its parts: recent events
 * (./recent-events.ts), sensor liveness (./sensor-liveness.ts), segment views (./segment-projection.ts), host
 * search (./host-search.ts). Pure: the caller passes the clock.
 */
import { OWN_REASONS } from '../../shared/schemas/alert.js';
import type { PeerMatch } from '../../shared/schemas/api.js';
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import { type Reason, SCORED_MIN, type SegmentScore } from '../../shared/schemas/score.js';
import type { EventKind, NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { type AssetInventory, EMPTY_INVENTORY, raiseScore } from './assets.js';
import { combine2, combineReasons } from './baseline.js';
import {
  type Entity,
  exportTimeline,
  type HostView,
  heldAt,
  hostView,
  importTimeline,
  newEntity,
  newSpark,
  newTimeline,
  pushSpark,
  pushTimeline,
  type TimelinePoint,
  type TimelineSnapshot,
  timelinePoints,
} from './entity.js';

export type { HostView } from './entity.js';

/** One host's state as plain values: what {@link ScoringEngine.exportHost} gives and `importHost` takes. */
export interface HostSnapshot {
  id: string;
  segment: string;
  /** The host detectors' ids, in the order of `states`. */
  detectors: string[];
  /** Detector states as JSON values, their Maps and non-finite numbers tagged as ./state-codec.ts does. */
  states: unknown[];
  slim: boolean;
  quiet: number;
  openBucket: number;
  lastEvaluated: number;
  lastSeen: number;
  reasons: Reason[];
  heldScore: number;
  heldAt: number;
  spark: { v: number[]; n: number } | null;
  timeline: TimelineSnapshot | null;
  recent: NormalizedEvent[] | null;
  recentRefs: string[] | null;
  recentNext: number;
}

/**
 * The layout of the entities in an {@link EngineState}: 2 since detector states keep their numbers in flat arrays
 * (./packed-numbers.ts, the beacon's table) and timelines their times in seconds; 3 since a beacon pair's row holds
 * its oldest kept beat.
 */
/** Entities idle this long (event time) are forgotten, by default. */
export const IDLE_TTL_MS = 15 * 60_000;

export const ENGINE_STATE_VERSION = 3;
/** The oldest snapshot version whose entities are read (through the detectors' `upgrade`); older ones are left out. */
const UPGRADABLE_FROM = 2;

/** What `exportState` gives: plain data (Maps and typed arrays inside detector states; see ./state-codec.ts). */
export interface EngineState {
  /** {@link ENGINE_STATE_VERSION} of the engine that wrote it. */
  v: number;
  entities: unknown[];
  clocks: [maxEventTs: number, maxEventArrival: number, live: number, lastSweep: number, lastSilence: number];
  applied: number;
  late: number;
  series: SeriesState;
  /**
   * The sensors, with the wall clock at which their events began to come live (−1: they do not; see
   * ./sensor-liveness.ts); absent in a state saved before they were kept (no sensor is then judged silent until its
   * events have come live again for the silence detector's warm-up).
   */
  sensors?: [sensor: string, liveSince: number][];
}

import { round2 } from './evidence.js';
import { type GeoSource, placeEvent, placeReasons } from './geo-places.js';
import { type HostMatch, searchHosts } from './host-search.js';
import { keepsIdle, revive, slim } from './idle.js';
import { hostsNaming, peerQuery } from './peers.js';
import { keepRecent, recentOf } from './recent-events.js';
import { SegmentProjection } from './segment-projection.js';
import { SensorLiveness } from './sensor-liveness.js';
import { SeriesBuffer, type SeriesState } from './series.js';
import { decodeState, encodeState } from './state-codec.js';
import type { Detector, EntityType, EvaluateContext } from './types.js';

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
  /** Names hosts and raises scores on critical assets. @default none */
  assets?: AssetInventory;
  /**
   * Places external addresses (`WF_GEOIP_DB`, `WF_ASN_DB`): reasons naming an external address gain its `geo` when
   * their score is held, and a host's recent events their `src_geo`/`dst_geo` when read (nothing on the per-event
   * path: the first-contact detector asks the same source itself). @default none
   */
  geo?: GeoSource | null;
  /** Called on every held-score update (for evaluations and metrics). */
  onScore?: (entity: { type: EntityType; id: string }, score: number, at: number) => void;
}

/** Detectors whose silence an entity's `quiet` mask can hold (the bits of a 31-bit integer). */
const QUIET_BITS = 31;
/** Event kinds the engine dispatches on; anything else goes to every detector. */
const KINDS: readonly string[] = ['flow', 'ids', 'dns', 'auth'] satisfies readonly EventKind[];

export class ScoringEngine {
  readonly series = new SeriesBuffer();
  /** Hosts by address, segments by name (kept apart: no key is built per event). */
  private readonly hosts = new Map<string, Entity>();
  private readonly segmentsById = new Map<string, Entity>();
  /**
   * Entities with an open bucket not yet evaluated (`openBucket ≥ 0`), and some evaluated since they were listed
   * (dropped at the next close): an array with a flag on the entity, cheaper than a set on the per-event path.
   */
  private pending: Entity[] = [];
  /** Entities with a non-zero score (for top lists and sparklines). */
  private readonly scored = new Set<Entity>();
  private readonly byType: Record<EntityType, Detector[]>;
  /** For each host detector, the index of the same detector among segment detectors (its peer state), or -1. */
  private readonly peerIndex: number[];
  /** By entity type, then by 1 + index of the event kind in {@link KINDS} (0: other): the detectors observing it. */
  private readonly observers: Record<EntityType, number[][]>;
  /**
   * By entity type and detector index, the detector's bit in an entity's `quiet` mask: its own bit for a `fadesOnly`
   * detector among the first {@link QUIET_BITS}, else 0 (never skipped: correct, only not sped up).
   */
  private readonly quietBit: Record<EntityType, number[]>;
  /** The context handed to `evaluate`, reused (valid during the call only). */
  private readonly ctx: EvaluateContext = { bucketStart: 0, idleBuckets: 0, peer: undefined };
  private readonly o: Required<Omit<EngineOptions, 'onScore' | 'detectors' | 'geo'>> &
    Pick<EngineOptions, 'onScore'>;
  private readonly geo: GeoSource | null;
  private readonly sensors = new SensorLiveness();
  private readonly projection: SegmentProjection;
  /** Per segment, the held score of its most anomalous host at the close in progress. */
  private readonly topHost = new Map<string, number>();
  private maxEventTs = 0;
  private maxEventArrival = 0;
  /** Where {@link holdClock} stopped the clock, or null while it runs. */
  private heldClock: number | null = null;
  private live = false;
  private lastSweep = 0;
  private lastSilence = 0;
  /** Events applied, including late ones. */
  applied = 0;
  late = 0;

  constructor(opts: EngineOptions) {
    this.byType = {
      host: opts.detectors.filter((d) => d.entities.includes('host')),
      segment: opts.detectors.filter((d) => d.entities.includes('segment')),
    };
    this.peerIndex = this.byType.host.map((d) => this.byType.segment.indexOf(d));
    const observersOf = (list: Detector[]) =>
      [null, ...KINDS].map((kind) =>
        list.flatMap((d, i) => (kind === null || !d.kinds || d.kinds.includes(kind as EventKind) ? [i] : [])),
      );
    this.observers = { host: observersOf(this.byType.host), segment: observersOf(this.byType.segment) };
    const bitsOf = (list: Detector[]) => list.map((d, i) => (d.fadesOnly && i < QUIET_BITS ? 1 << i : 0));
    this.quietBit = { host: bitsOf(this.byType.host), segment: bitsOf(this.byType.segment) };
    this.o = {
      graceMs: opts.graceMs ?? 1000,
      scoreHalfLifeMs: opts.scoreHalfLifeMs ?? 30_000,
      idleTtlMs: opts.idleTtlMs ?? IDLE_TTL_MS,
      maxEntities: opts.maxEntities ?? 200_000,
      recentPerHost: opts.recentPerHost ?? 20,
      liveLagMs: opts.liveLagMs ?? 5 * 60_000,
      assets: opts.assets ?? EMPTY_INVENTORY,
      onScore: opts.onScore,
    };
    this.geo = opts.geo ?? null;
    this.projection = new SegmentProjection({
      scored: this.scored,
      hosts: this.hosts,
      segments: this.segmentsById,
      series: this.series,
      segmentDetectors: this.byType.segment,
      held: (e, at) => this.held(e, at),
    });
  }

  /** Applies one event. `arrival` is the wall clock (ms) at ingest; `ref` names the event in reasons. */
  ingest(ev: NormalizedEvent, ref: string, arrival: number): void {
    this.applied++;
    const live = arrival - ev.ts <= this.o.liveLagMs;
    if (ev.ts > this.maxEventTs) {
      this.maxEventTs = ev.ts;
      this.maxEventArrival = arrival;
      this.live = live;
    }
    this.sensors.note(ev.sensor, live, arrival);
    if (!this.series.add(ev)) this.late++;
    const bucket = ev.ts - (ev.ts % 1000);
    const segment = this.segmentsById.get(ev.segment) ?? this.create('segment', ev.segment, ev.segment);
    const host = this.hosts.get(ev.src_ip) ?? this.create('host', ev.src_ip, ev.segment);
    if (host.slim) revive(host, this.byType.host);
    const kind = KINDS.indexOf(ev.kind) + 1;
    this.route(segment, ev, ref, bucket, this.observers.segment[kind]!);
    this.route(host, ev, ref, bucket, this.observers.host[kind]!);
    if (this.o.recentPerHost > 0) keepRecent(host, ev, ref, this.o.recentPerHost);
  }

  /** A sensor whose feed ended on purpose (a replay finished, a sensor decommissioned) is never judged silent. */
  retireSensor(sensor: string): void {
    this.sensors.retire(sensor);
  }

  /**
   * The event-time clock: the newest event time, moved on by the wall clock while sources are live
   * (so a burst followed by silence still closes its buckets); historical replays advance by event time only.
   * Live, it never passes the wall clock: a sensor whose clock runs ahead (by less than `WF_MAX_FUTURE`, beyond which
   * its events are skewed and taken at arrival) would otherwise take every other sensor's buckets with it, closing
   * them before their events came (late, their scores faded before the alert rule saw them) and judging sensors
   * silent that still send. Its own events wait in their buckets until the wall clock reaches them.
   */
  eventClock(now: number): number {
    if (this.maxEventTs === 0) return 0;
    if (this.heldClock !== null) return this.heldClock;
    if (!this.live) return this.maxEventTs;
    return Math.min(this.maxEventTs + Math.max(0, now - this.maxEventArrival), now);
  }

  /**
   * Stops the clock where it is (`held`), or lets it go on from there: while nothing can bring events whatever the
   * sensors do (with several processes, no ingest process is alive), the wall clock is not event time. Held, no
   * bucket closes on the wall clock and no sensor is judged silent; let go, the clock goes on from where it stopped,
   * so the events written meanwhile, which come late, still fill their own buckets.
   */
  holdClock(held: boolean, now: number): void {
    if (held === (this.heldClock !== null)) return;
    if (held) {
      this.heldClock = this.eventClock(now);
      return;
    }
    // the clock goes on from where it stopped: as if the newest event had arrived that much later
    this.maxEventArrival = now - Math.max(0, this.heldClock! - this.maxEventTs);
    this.heldClock = null;
  }

  /** Closes every bucket the clock has passed; call once per tick. Returns the watermark. */
  advance(now: number): number {
    const clock = this.eventClock(now);
    if (clock === 0) return 0;
    if (this.live && this.heldClock === null && clock - this.lastSilence >= 1000)
      this.judgeSilence(clock, now);
    return this.closeBefore(clock - this.o.graceMs - ((clock - this.o.graceMs) % 1000));
  }

  /** Closes every bucket that starts before `upTo` (a second boundary), whatever the clock: the end of a replay. */
  closeBefore(upTo: number): number {
    if (upTo <= this.series.closedBefore) return this.series.closedBefore;
    this.evaluatePending(upTo);
    // held scores at `upTo`, and each segment's most anomalous host, for the closed points
    const top = this.topHost;
    top.clear();
    for (const e of this.scored) {
      const s = heldAt(e, upTo, this.o.scoreHalfLifeMs);
      e.held = s;
      if (e.type === 'host' && s > (top.get(e.segment) ?? 0)) top.set(e.segment, s);
    }
    this.series.close(upTo, (segment) => {
      const own = this.segmentsById.get(segment);
      return Math.round(combine2(own ? this.held(own, upTo) : 0, top.get(segment) ?? 0) * 10) / 10;
    });
    for (const e of this.scored) {
      const s = e.held;
      if (s < SCORED_MIN && e.openBucket < 0) {
        this.scored.delete(e);
        e.spark = null;
        e.timeline = null;
        continue;
      }
      e.spark ??= newSpark();
      pushSpark(e.spark, s);
      if (e.type === 'host') {
        e.timeline = pushTimeline(e.timeline ?? newTimeline(), upTo, s, e.reasons);
      }
    }
    if (upTo - this.lastSweep >= 10_000) this.sweep(upTo);
    return upTo;
  }

  /** Evaluates the open buckets that start before `upTo`, and unlists the entities with none. */
  private evaluatePending(upTo: number): void {
    const list = this.pending;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (e.openBucket >= 0 && e.openBucket < upTo) this.evaluate(e, e.openBucket);
      if (e.openBucket >= 0) list[kept++] = e;
      else e.listed = false;
    }
    list.length = kept;
  }

  private create(type: EntityType, id: string, segment: string): Entity {
    const e = newEntity(
      type,
      id,
      segment,
      this.byType[type].map((d) => d.init(type)),
      type === 'host' ? this.o.assets.lookup(id) : null,
    );
    (type === 'host' ? this.hosts : this.segmentsById).set(id, e);
    return e;
  }

  private route(e: Entity, ev: NormalizedEvent, ref: string, bucket: number, observers: number[]): void {
    if (e.openBucket >= 0 && bucket > e.openBucket) this.evaluate(e, e.openBucket);
    if (e.openBucket < 0) {
      // A late event for an entity whose bucket already closed is counted in its next bucket.
      e.openBucket = Math.max(bucket, e.lastEvaluated + 1000);
      if (!e.listed) {
        e.listed = true;
        this.pending.push(e);
      }
    }
    if (ev.ts > e.lastSeen) e.lastSeen = ev.ts;
    const detectors = this.byType[e.type];
    const bits = this.quietBit[e.type];
    for (let k = 0; k < observers.length; k++) {
      const i = observers[k]!;
      detectors[i]!.observe(e.states[i], ev, ref);
      e.quiet &= ~bits[i]!;
    }
  }

  private evaluate(e: Entity, bucketStart: number): void {
    let idleBuckets = e.lastEvaluated < 0 ? 0 : Math.max(0, (bucketStart - e.lastEvaluated) / 1000 - 1);
    const down = this.downtime;
    if (idleBuckets > 0 && down !== null) {
      // seconds nobody watched are not seconds without events: they are not learnt as idle
      const from = Math.max(e.lastEvaluated + 1000, down[0]);
      const to = Math.min(bucketStart, down[1]);
      if (to > from) idleBuckets = Math.max(0, idleBuckets - Math.ceil((to - from) / 1000));
    }
    const detectors = this.byType[e.type];
    const seg = e.type === 'host' ? this.segmentsById.get(e.segment) : undefined;
    const ctx = this.ctx;
    ctx.bucketStart = bucketStart;
    ctx.idleBuckets = idleBuckets;
    let reasons: Reason[] | null = null;
    const bits = this.quietBit[e.type];
    for (let i = 0; i < detectors.length; i++) {
      if (e.quiet & bits[i]!) continue;
      ctx.peer = seg && this.peerIndex[i]! >= 0 ? seg.states[this.peerIndex[i]!] : undefined;
      const found = detectors[i]!.evaluate(e.states[i], ctx);
      if (found.length === 0) {
        e.quiet |= bits[i]!;
        continue;
      }
      if (reasons) for (let k = 0; k < found.length; k++) reasons.push(found[k]!);
      else reasons = found.slice();
    }
    ctx.peer = undefined;
    e.lastEvaluated = bucketStart;
    e.openBucket = -1;
    if (reasons) this.update(e, reasons, bucketStart + 1000);
  }

  /** Combines reasons into a score (raised on critical assets) and holds it when it beats the decayed one. */
  private update(e: Entity, reasons: Reason[], at: number): void {
    const combined = combineReasons(reasons);
    const score = e.asset ? raiseScore(combined, e.asset.criticality) : combined;
    if (score < heldAt(e, at, this.o.scoreHalfLifeMs)) return;
    if (reasons.length > 1) reasons.sort((a, b) => b.contribution - a.contribution);
    if (this.geo) placeReasons(reasons, this.geo);
    if (score > combined) {
      const k = e.asset!.criticality;
      reasons.push({
        detector: OWN_REASONS.asset,
        feature: `criticality ${k}`,
        observed: round2(combined),
        expected: round2(combined),
        contribution: round2(score - combined),
      });
    }
    e.reasons = reasons;
    e.heldScore = score;
    e.heldAt = Math.max(at, e.heldAt);
    this.scored.add(e);
    if (this.peaks) {
      const peak = this.peaks.get(e);
      if (peak === undefined || score > peak) this.peaks.set(e, score);
    }
    this.o.onScore?.({ type: e.type, id: e.id }, score, at);
  }

  /**
   * Each entity's highest score since the last call, as scored (not decayed to a later time), keyed `host:<ip>` and
   * `segment:<name>`; then starts again. An alert's peak is taken from it, so that a peak does not depend on when the
   * alert tick samples the held scores: a tick skipped while the previous one writes, or several buckets closed
   * between two ticks while a scorer catches up, would otherwise see them decayed or not at all. Kept only once
   * asked for (an engine nobody asks keeps nothing).
   */
  takePeaks(): Map<string, number> {
    const out = new Map<string, number>();
    if (this.peaks) for (const [e, score] of this.peaks) out.set(`${e.type}:${e.id}`, score);
    this.peaks = new Map();
    return out;
  }

  /** Silence: asked of segment detectors once a second of the clock while sources are live. */
  private judgeSilence(clock: number, wall: number): void {
    this.lastSilence = clock;
    const ctx = {
      now: clock,
      liveFor: (sensor: string) => this.sensors.liveFor(sensor, wall),
      watchedSince: this.watchedSince,
    };
    const detectors = this.byType.segment;
    for (const e of this.segmentsById.values()) {
      const reasons: Reason[] = [];
      for (let i = 0; i < detectors.length; i++) {
        const silence = detectors[i]!.silence;
        if (silence) for (const r of silence(e.states[i], ctx)) reasons.push(r);
      }
      if (reasons.length > 0) this.update(e, reasons, clock - (clock % 1000));
    }
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    const cutoff = now - this.o.idleTtlMs;
    for (const e of this.hosts.values()) {
      if (e.lastSeen >= cutoff || e.openBucket >= 0) continue;
      if (!keepsIdle(e, this.byType.host, now)) this.forget(e);
      else if (!e.slim) slim(e, this.byType.host);
    }
    if (this.entityCount > this.o.maxEntities) {
      const all = [...this.hosts.values(), ...this.segmentsById.values()];
      const oldest = all.sort((a, b) => a.lastSeen - b.lastSeen);
      for (const e of oldest.slice(0, this.entityCount - this.o.maxEntities)) this.forget(e);
    }
  }

  private forget(e: Entity): void {
    (e.type === 'host' ? this.hosts : this.segmentsById).delete(e.id);
    this.scored.delete(e);
    e.openBucket = -1; // unlisted at the next close, never evaluated
  }

  /**
   * A span of event time, `[from, to)` ms, when nothing was scoring (the process was stopped): an entity's buckets
   * without events in it are not counted as idle, so that a restart is not learnt as a quiet spell (the rate
   * baselines would sink and the first normal second after it look like a burst). Events that producers wrote
   * meanwhile still come, from the stream, and fill their buckets as ever.
   */
  noteDowntime(from: number, to: number): void {
    if (to <= from) return;
    this.downtime = [from - (from % 1000), to];
    this.watchedSince = this.eventClock(to);
  }

  private downtime: [from: number, to: number] | null = null;
  /** The event clock when the engine started watching again after its downtime (see `SilenceContext`). */
  private watchedSince = 0;

  /** Highest scores since {@link takePeaks}, from its first call on. */
  private peaks: Map<Entity, number> | null = null;

  private held(e: Entity, at: number): number {
    return heldAt(e, at, this.o.scoreHalfLifeMs);
  }

  get entityCount(): number {
    return this.hosts.size + this.segmentsById.size;
  }

  get watermark(): number {
    return this.series.closedBefore;
  }

  topHosts(limit: number, at = this.watermark): HostView[] {
    return [...this.scored]
      .filter((e) => e.type === 'host')
      .map((e) => ({ e, s: this.held(e, at) }))
      .filter((x) => x.s >= 1)
      .sort((a, b) => b.s - a.s)
      .slice(0, limit)
      .map(({ e, s }) => hostView(e, s, 3));
  }

  /** A host's recent events as kept, newest first (none for an unknown host): what a watched domain is matched with. */
  recentEvents(ip: string): readonly NormalizedEvent[] {
    const e = this.hosts.get(ip);
    return e ? recentOf(e) : [];
  }

  /** A host's view with its recent events, newest first, each with its `ref` (what reasons' examples name). */
  host(
    ip: string,
  ): (HostView & { recent: (NormalizedEvent & { ref?: string })[]; timeline: TimelinePoint[] }) | null {
    const e = this.hosts.get(ip);
    if (!e) return null;
    return {
      ...hostView(e, this.held(e, this.watermark), 20),
      recent: this.geo ? recentOf(e).map((ev) => placeEvent(ev, this.geo!)) : recentOf(e),
      timeline: timelinePoints(e.timeline),
    };
  }

  /**
   * A host's whole state as plain values (JSON-serializable: detector states go through ./state-codec.ts, and the
   * typed arrays of its timeline and sparkline are copied out), for moving a host between processes; null when the host is unknown.
   * The receiving engine must run the same detectors ({@link importHost}).
   */
  exportHost(ip: string): HostSnapshot | null {
    const e = this.hosts.get(ip);
    if (!e) return null;
    return {
      id: e.id,
      segment: e.segment,
      detectors: this.byType.host.map((d) => d.id),
      states: JSON.parse(encodeState(e.states)) as unknown[],
      slim: e.slim,
      quiet: e.quiet,
      openBucket: e.openBucket,
      lastEvaluated: e.lastEvaluated,
      lastSeen: e.lastSeen,
      reasons: structuredClone(e.reasons),
      heldScore: e.heldScore,
      heldAt: e.heldAt,
      spark: e.spark ? { v: Array.from(e.spark.v), n: e.spark.n } : null,
      timeline: e.timeline ? exportTimeline(e.timeline) : null,
      recent: e.recent ? structuredClone(e.recent) : null,
      recentRefs: e.recentRefs?.slice() ?? null,
      recentNext: e.recentNext,
    };
  }

  /** The detectors each entity type runs, in order (`host:scan,…;segment:rate,…`): a saved state's states line up with them. */
  get layout(): string {
    return `host:${this.byType.host.map((d) => d.id).join()};segment:${this.byType.segment.map((d) => d.id).join()}`;
  }

  /** Takes over a host exported by {@link exportHost} (replacing any state of the same address). */
  importHost(snap: HostSnapshot): void {
    const ids = this.byType.host.map((d) => d.id);
    if (ids.join() !== snap.detectors.join())
      throw new Error(`host snapshot of detectors ${snap.detectors.join()}; this engine runs ${ids.join()}`);
    const old = this.hosts.get(snap.id);
    if (old) this.forget(old);
    const e = newEntity(
      'host',
      snap.id,
      snap.segment,
      decodeState<unknown[]>(JSON.stringify(snap.states)),
      this.o.assets.lookup(snap.id),
    );
    e.slim = snap.slim;
    e.quiet = snap.quiet;
    e.lastEvaluated = snap.lastEvaluated;
    e.lastSeen = snap.lastSeen;
    e.reasons = structuredClone(snap.reasons);
    e.heldScore = snap.heldScore;
    e.heldAt = snap.heldAt;
    if (snap.spark) e.spark = { v: Uint8Array.from(snap.spark.v), n: snap.spark.n };
    if (snap.timeline) e.timeline = importTimeline(snap.timeline);
    e.recent = snap.recent ? structuredClone(snap.recent) : null;
    e.recentRefs = snap.recentRefs?.slice() ?? null;
    e.recentNext = snap.recentNext;
    e.openBucket = snap.openBucket;
    if (e.openBucket >= 0) {
      e.listed = true;
      this.pending.push(e);
    }
    this.hosts.set(e.id, e);
    if (e.heldScore > 0) {
      e.held = this.held(e, this.watermark);
      this.scored.add(e);
    }
  }

  /**
   * Each segment's own evidence (silence, one account failing across it…), without its hosts' scores: what a
   * segment alert is raised on, so that a host's alert does not also raise its segment's.
   */
  segmentEvidence(at = this.watermark): { segment: string; score: number; reasons: Reason[] }[] {
    const out: { segment: string; score: number; reasons: Reason[] }[] = [];
    for (const e of this.segmentsById.values()) {
      const score = this.held(e, at);
      if (score >= 1)
        out.push({ segment: e.id, score: Math.round(score * 10) / 10, reasons: e.reasons.slice(0, 3) });
    }
    return out;
  }

  /** Every segment's score, reasons, active hosts and baseline, for the overview. */
  segments(eventsPerSec: (segment: string) => number): SegmentScore[] {
    return this.projection.scores(eventsPerSec, this.watermark);
  }

  /** Open series points, stamped with current segment scores. */
  openPoints(): SeriesPoint[] {
    return this.projection.openPoints(this.watermark);
  }

  /**
   * The engine's whole state as plain data (entities with their detector states, clocks, the series' open buckets),
   * for a partition snapshot: `importState` on a fresh engine with the same detectors carries on where it stopped.
   * `entities: false` leaves them out, for a caller that takes them in slices ({@link exportEntities}).
   */
  exportState(entities = true): EngineState {
    return {
      v: ENGINE_STATE_VERSION,
      entities: entities ? [...this.segmentsById.values(), ...this.hosts.values()].map(this.strip) : [],
      clocks: [this.maxEventTs, this.maxEventArrival, this.live ? 1 : 0, this.lastSweep, this.lastSilence],
      applied: this.applied,
      late: this.late,
      series: this.series.exportState(),
      sensors: this.sensors.export(),
    };
  }

  /**
   * `exportState`'s entities a slice at a time, each slice taken when it is asked for (its entities as they are then),
   * so that a caller can encode a slice and give the event loop back before the next.
   */
  *exportEntities(slice: number): Generator<unknown[]> {
    const all = [...this.segmentsById.values(), ...this.hosts.values()];
    for (let i = 0; i < all.length; i += slice) yield all.slice(i, i + slice).map(this.strip);
  }

  private readonly strip = (e: Entity) => ({ ...e, asset: null, listed: false, scored: this.scored.has(e) });

  /**
   * Loads what `exportState` gave into this (fresh) engine. The entities of an older build's snapshot are brought to
   * this layout by the detectors whose layout changed since ({@link Detector.upgrade}); those of a layout older than
   * {@link UPGRADABLE_FROM}, or newer, are left out: they would be misread; they are rebuilt from the events that
   * follow. Returns how many entities were loaded.
   */
  importState(state: EngineState): number {
    const readable = state.v >= UPGRADABLE_FROM && state.v <= ENGINE_STATE_VERSION;
    const entities = readable ? state.entities : [];
    for (const raw of entities) {
      const { scored, ...fields } = raw as Entity & { scored: boolean };
      const e = fields as Entity;
      if (state.v < ENGINE_STATE_VERSION) {
        const detectors = this.byType[e.type];
        e.states = e.states.map((st, i) => detectors[i]?.upgrade?.(st, state.v) ?? st);
      }
      e.asset = e.type === 'host' ? this.o.assets.lookup(e.id) : null;
      (e.type === 'host' ? this.hosts : this.segmentsById).set(e.id, e);
      if (scored) this.scored.add(e);
      if (e.openBucket >= 0) {
        e.listed = true;
        this.pending.push(e);
      }
    }
    [this.maxEventTs, this.maxEventArrival] = state.clocks;
    this.live = state.clocks[2] === 1;
    this.lastSweep = state.clocks[3];
    this.lastSilence = state.clocks[4];
    this.applied = state.applied;
    this.late = state.late;
    this.series.importState(state.series);
    if (Array.isArray(state.sensors)) this.sensors.restore(state.sensors);
    return entities.length;
  }

  /**
   * Hosts whose detectors' state names the address or name `q` (see ./peers.ts), the most recently seen first; read
   * in slices with the event loop's turns between.
   */
  hostsNaming(q: string): Promise<PeerMatch[]> {
    const at = this.watermark;
    return hostsNaming(this.hosts.values(), this.byType.host, peerQuery(q), (e) => this.held(e, at));
  }

  /** Every host whose address starts with, or whose asset name contains, `q` (lower case), with its score now. */
  searchHosts(q: string): HostMatch[] {
    const at = this.watermark;
    return searchHosts(this.hosts.values(), q, (e) => this.held(e, at));
  }
}
