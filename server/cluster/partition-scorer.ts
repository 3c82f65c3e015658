/**
 * @module The `score` role: owns partitions through leases (expiry and a fencing token, in Lua), reads their streams
 * from where their last snapshot stopped, scores them, writes each tick's share (the part) and a snapshot with its
 * stream position, both fenced, and runs each partition's alert engine while its lease holds. Rebalances when
 * scorers join or leave (rendezvous hashing with bounded loads over the alive members): a partition it no longer should own is
 * snapshotted and released; one it should own is taken when free. One loop does it all, so reading, ticking and
 * handing over never interleave. On a Redis Cluster each partition stream is read by its own XREAD (they are in
 * different slots) and entries that ingest wrote twice are dropped (`repeat-filter.ts`, carried in the snapshot).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PartitionPart, ProcessRole } from '../../shared/schemas/cluster.js';
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import type { AlertEngine } from '../alerts/alert-engine.js';
import type { Observation, Track } from '../alerts/raise-tracker.js';
import { steadyNow } from '../clock.js';
import { backoff } from '../ingest/ingest-loop.js';
import type { LiveState } from '../live-state.js';
import type { Logger } from '../logger.js';
import { type BlockingRedis, isCluster, type Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import type { EngineState } from '../scoring/engine.js';
import { decodeState, encodeState } from '../scoring/state-codec.js';
import type { Membership } from './membership.js';
import type { RoutedEvent } from './partition-router.js';
import { assignedTo } from './partitions.js';
import { type EntryOrigin, RepeatFilter, type RepeatFilterState } from './repeat-filter.js';

/** A partition's snapshot: its state with the stream position it holds, and (on a cluster) its repeat filter. */
interface Snapshot {
  pos: string;
  at: number;
  state: EngineState;
  repeats?: RepeatFilterState;
  /** The alert rule's episodes of the partition's entities (a successor does not raise again what a lead resolved). */
  raise?: [string, Track][];
}

/** What a partition's owner scores with: its live state (engine inside) and its alert engine. */
export interface PartitionState {
  live: LiveState;
  alerts: AlertEngine;
}

export interface PartitionScorerOptions {
  redis: Redis;
  /** For the blocking reads of the partition streams (nothing else may use it). */
  blocking: BlockingRedis;
  keys: Keys;
  member: string;
  /** This process's roles, for its heartbeat. */
  roles: readonly ProcessRole[];
  partitions: number;
  leaseMs: number;
  snapshotMs: number;
  tickMs: number;
  membership: Membership;
  logger: Logger;
  /** A fresh state for partition `n`. */
  newPartition(n: number): PartitionState;
  /** What the alert engine samples of a partition at a tick. */
  observations(state: PartitionState, watermark: number): Observation[];
  /** Entries per read, shared among the owned partitions. @default 1000 */
  batch?: number;
}

interface Owned extends PartitionState {
  n: number;
  /** `<member> <token>`: the lease's value while this member holds it. */
  lease: string;
  token: number;
  /** Local clock until which the lease surely holds (renewed at, plus the lease time, minus a margin). */
  validUntil: number;
  /** The last applied entry of the partition stream. */
  pos: string;
  lastSnapshot: number;
  /** The stream position the last snapshot holds: a partition that applied nothing since is not snapshotted again. */
  snapshotPos: string;
  /** Closed points of the last seconds, so that a web instance that missed a part still gets them. */
  recent: SeriesPoint[];
  alertBusy: boolean;
  /** Input entries applied, so that entries written twice (on a Redis Cluster) are applied once. */
  repeats: RepeatFilter;
}

/** Closed points a part repeats, ms of event time. */
const PART_RECENT_MS = 10_000;

export class PartitionScorer {
  private readonly owned = new Map<number, Owned>();
  private lastTick = 0;
  /**
   * Whether an ingest process is alive (from the heartbeats): without one no event can come, and the partitions'
   * clocks are held (no false silence, no bucket closed on the wall clock).
   */
  private inputAlive = true;
  /** Events applied by this scorer, for its heartbeat's rate. */
  private appliedSince = 0;
  private rateAt = Date.now();
  eventsPerSec = 0;

  constructor(private readonly o: PartitionScorerOptions) {}

  /** The partitions held now. */
  get partitions(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  /** Each owned partition's state (host detail, search and sensors answer from them). */
  states(): PartitionState[] {
    return [...this.owned.values()];
  }

  /** Runs the read loop and, beside it on its own timer, the lease upkeep (so a busy loop never starves renewals). */
  async run(signal: AbortSignal): Promise<void> {
    const upkeep = this.upkeep(signal);
    await this.loop(signal);
    await upkeep;
  }

  private async upkeep(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.maintain(Date.now());
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        this.o.logger.warn({ err: (err as Error).message }, 'partition leases could not be kept; retrying');
      }
      await sleep(failures ? backoff(failures) : this.o.leaseMs / 4, undefined, { signal }).catch(() => {});
    }
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const now = Date.now();
        if (now - this.lastTick >= this.o.tickMs) {
          this.lastTick = now;
          await this.tick(now);
        }
        await this.read();
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        this.o.logger.warn({ err: (err as Error).message }, 'partition scoring failed; retrying');
        await sleep(backoff(failures), undefined, { signal }).catch(() => {});
      }
    }
  }

  /** Snapshots and releases every partition (a graceful stop hands over at once, without waiting for expiry). */
  async stop(): Promise<void> {
    for (const p of [...this.owned.values()]) await this.release(p).catch(() => {});
    await this.o.membership.leave(this.o.member).catch(() => {});
  }

  /** Heartbeat, then renew, release and take leases so that this member holds what the assignment gives it. */
  private async maintain(now: number): Promise<void> {
    await this.o.membership.beat({
      id: this.o.member,
      roles: [...this.o.roles],
      partitions: this.partitions,
      eventsPerSec: this.rate(now),
    });
    this.inputAlive = await this.o.membership.ingestAlive(now);
    const scorers = await this.o.membership.scorers(now);
    if (!scorers.includes(this.o.member)) scorers.push(this.o.member);
    const mine = new Set(assignedTo(this.o.member, scorers, this.o.partitions));
    for (const p of [...this.owned.values()]) {
      if (!mine.has(p.n)) {
        await this.release(p);
        continue;
      }
      const token = Number(await this.lease(p.n, p.token));
      // the local clock before the call: the lease surely holds until then plus the lease time, less a margin
      if (token === p.token) p.validUntil = now + this.o.leaseMs * 0.8;
      else this.drop(p, 'lost its lease (another scorer holds it now); writes nothing more');
    }
    for (const n of mine) {
      if (this.owned.has(n)) continue;
      const token = Number(await this.lease(n, 0));
      if (token > 0) await this.take(n, token, now);
    }
  }

  private lease(n: number, token: number): Promise<unknown> {
    const k = this.o.keys;
    return runScript(
      this.o.redis,
      'partitionLease',
      [k.partition(n, 'lease'), k.partition(n, 'fence')],
      [this.o.member, this.o.leaseMs, token],
    );
  }

  /** A lease was won: load the partition's snapshot (state and stream position) and carry on from there. */
  private async take(n: number, token: number, now: number): Promise<void> {
    const state = this.o.newPartition(n);
    let pos = '0';
    let snapshotAt = 0;
    let repeats = new RepeatFilter();
    const text = await this.o.redis.get(this.o.keys.partition(n, 'snapshot'));
    if (text) {
      const snap = decodeState<Snapshot>(text);
      state.live.engine.importState(snap.state);
      if (snap.raise) state.alerts.importRaiseState(snap.raise);
      pos = snap.pos;
      snapshotAt = snap.at;
      repeats = new RepeatFilter(snap.repeats);
    }
    this.owned.set(n, {
      ...state,
      n,
      token,
      lease: `${this.o.member} ${token}`,
      validUntil: now + this.o.leaseMs * 0.8,
      pos,
      lastSnapshot: snapshotAt,
      snapshotPos: pos,
      recent: [],
      alertBusy: false,
      repeats,
    });
    this.o.logger.info({ partition: n, token, from: pos, snapshot: Boolean(text) }, 'took a partition');
  }

  private async release(p: Owned): Promise<void> {
    await this.snapshot(p, Date.now());
    this.owned.delete(p.n);
    await runScript(this.o.redis, 'partitionRelease', [this.o.keys.partition(p.n, 'lease')], [p.lease]);
    this.o.logger.info({ partition: p.n }, 'handed a partition over');
  }

  private drop(p: Owned, why: string): void {
    this.owned.delete(p.n);
    this.o.logger.warn({ partition: p.n, token: p.token }, why);
  }

  /** A fenced write; a refusal means the lease is gone: the partition is dropped. */
  private async write(p: Owned, what: 'snapshot' | 'part', value: string, pxMs: number): Promise<boolean> {
    const k = this.o.keys;
    const ok = await runScript(
      this.o.redis,
      'partitionWrite',
      [k.partition(p.n, 'lease'), k.partition(p.n, what)],
      [p.lease, value, pxMs],
    );
    if (Number(ok) === 1) return true;
    // a lease that expired while this scorer was busy, and that nobody took since, is renewed with the same token
    // (the script checks the fence): the write is then this owner's to make
    if (this.owned.get(p.n) === p && Number(await this.lease(p.n, p.token)) === p.token) {
      p.validUntil = Date.now() + this.o.leaseMs * 0.8;
      const again = await runScript(
        this.o.redis,
        'partitionWrite',
        [k.partition(p.n, 'lease'), k.partition(p.n, what)],
        [p.lease, value, pxMs],
      );
      if (Number(again) === 1) return true;
    }
    if (this.owned.get(p.n) === p) this.drop(p, `${what} refused: the lease is no longer this scorer's`);
    return false;
  }

  /**
   * Writes the partition's state with its stream position, then trims the stream before that position: what a
   * successor needs is the snapshot and the entries after it. (A refused write trims nothing.)
   */
  private async snapshot(p: Owned, now: number): Promise<void> {
    const pos = p.pos;
    const snap: Snapshot = {
      pos,
      at: now,
      state: p.live.engine.exportState(),
      raise: p.alerts.exportRaiseState(),
    };
    // only a cluster's entries name their origin: on one Redis the filter stays empty and is not written
    if (isCluster(this.o.redis)) snap.repeats = p.repeats.export();
    const text = encodeState(snap);
    if (!(await this.write(p, 'snapshot', text, 0))) return;
    p.lastSnapshot = now;
    p.snapshotPos = pos;
    if (pos !== '0') await this.o.redis.xtrim(this.o.keys.partition(p.n, 'events'), 'MINID', '~', pos);
  }

  /** One tick of every owned partition: its part, its alerts (while the lease surely holds), its snapshot. */
  private async tick(now: number): Promise<void> {
    for (const p of [...this.owned.values()]) {
      p.live.engine.holdClock(!this.inputAlive, steadyNow());
      const frame = p.live.tick(steadyNow());
      const closed = frame.points.filter((pt) => !pt.open);
      p.recent = [...p.recent.filter((pt) => pt.t >= frame.watermark - PART_RECENT_MS), ...closed];
      const part: PartitionPart = {
        n: p.n,
        member: this.o.member,
        at: now,
        seq: frame.seq,
        watermark: frame.watermark,
        points: [...p.recent, ...frame.points.filter((pt) => pt.open)],
        segments: frame.segments,
        topHosts: frame.topHosts,
        eventsPerSec: frame.stats?.eventsPerSec ?? 0,
        applied: p.live.engine.applied,
        newestEventTs: frame.stats?.newestEventTs ?? 0,
        pos: p.pos,
        snapshotAt: p.lastSnapshot,
      };
      if (!(await this.write(p, 'part', JSON.stringify(part), 600_000))) continue;
      if (Date.now() < p.validUntil && !p.alertBusy) {
        p.alertBusy = true;
        p.alerts
          .tick(this.o.observations(p, frame.watermark), frame.watermark, frame.now)
          .catch((err: Error) =>
            this.o.logger.warn({ err: err.message, partition: p.n }, 'alert tick failed'),
          )
          .finally(() => {
            p.alertBusy = false;
          });
      }
    }
    // one snapshot per tick, the most overdue, so that no tick stalls the loop with every partition's
    const due = [...this.owned.values()]
      .filter((p) => now - p.lastSnapshot >= this.o.snapshotMs && p.pos !== p.snapshotPos)
      .sort((a, b) => a.lastSnapshot - b.lastSnapshot)[0];
    if (due) await this.snapshot(due, now);
  }

  /** Reads the owned partitions' streams once (blocking briefly when nothing is there) and applies what came. */
  private async read(): Promise<void> {
    const list = [...this.owned.values()];
    if (list.length === 0) {
      await sleep(Math.min(200, this.o.tickMs));
      return;
    }
    const keys = list.map((p) => this.o.keys.partition(p.n, 'events'));
    // entries per stream: one read applies at most about 1,000 entries, however many partitions are owned
    const count = Math.max(10, Math.floor((this.o.batch ?? 1000) / list.length));
    const wait = Math.max(10, Math.min(100, this.o.tickMs / 4));
    type Reply = [string, [string, string[]][]][] | null;
    let reply: Reply;
    if (isCluster(this.o.redis)) {
      // one XREAD per partition (each stream in its own slot), sent together without blocking; a short pause when
      // none had anything (a blocked read would hold its node's connection from the other partitions there)
      const replies = await Promise.all(
        list.map(
          (p, i) => this.o.redis.call('XREAD', 'COUNT', count, 'STREAMS', keys[i]!, p.pos) as Promise<Reply>,
        ),
      );
      reply = replies.flatMap((r) => r ?? []);
      if (reply.length === 0) await sleep(wait);
    } else {
      reply = (await this.o.blocking.call(
        'XREAD',
        'COUNT',
        count,
        'BLOCK',
        wait,
        'STREAMS',
        ...keys,
        ...list.map((p) => p.pos),
      )) as Reply;
    }
    if (!reply) return;
    for (const [key, entries] of reply) {
      const p = list[keys.indexOf(key)];
      if (!p || this.owned.get(p.n) !== p) continue;
      for (const [id, fields] of entries) {
        this.apply(p, fields);
        p.pos = id;
      }
    }
  }

  private apply(p: Owned, fields: string[]): void {
    const i = fields.indexOf('b');
    let batch: readonly RoutedEvent[];
    try {
      batch = JSON.parse(fields[i + 1] ?? '[]') as RoutedEvent[];
      if (!Array.isArray(batch)) throw new Error('not a batch');
    } catch (err) {
      this.o.logger.warn(
        { partition: p.n, err: (err as Error).message },
        'unreadable partition entry skipped',
      );
      return;
    }
    const origin = originOf(fields);
    if (origin) {
      const dropped = p.repeats.dropped;
      batch = p.repeats.admit(origin, batch, (e) => e[3]);
      if (p.repeats.dropped > dropped)
        this.o.logger.info(
          { partition: p.n, source: origin.source, dropped: p.repeats.dropped - dropped },
          'dropped events an ingest wrote twice',
        );
    }
    if (batch.length === 0) return;
    // arrival is when this scorer reads the batch, as one process's is when it reads the input: the live clock
    // counts from the newest event applied, so events waiting in the partition stream are not made late
    p.live.apply(
      batch.map(([ref, event]) => ({ event, ref })),
      steadyNow(),
    );
    this.appliedSince += batch.length;
  }

  private rate(now: number): number {
    const s = (now - this.rateAt) / 1000;
    if (s >= 1) {
      this.eventsPerSec = Math.round((this.appliedSince / s) * 10) / 10;
      this.appliedSince = 0;
      this.rateAt = now;
    }
    return this.eventsPerSec;
  }
}

/** The origin a partition entry names on a Redis Cluster (`s`, and `r` for a fresh read), null on one Redis. */
function originOf(fields: string[]): EntryOrigin | null {
  let source: string | undefined;
  let range: [string, string] | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 's') source = fields[i + 1];
    else if (fields[i] === 'r') {
      const [first, last] = fields[i + 1]!.split(' ');
      if (first && last) range = [first, last];
    }
  }
  return source === undefined ? null : { source, range };
}
