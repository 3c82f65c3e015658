/**
 * @module The one ingest loop of the stream and list consumers: read a delivery, decode it, apply it, then record
 * its outcome and acknowledge it in one MULTI. Reads that fail back off (100 ms doubling to 5 s) and re-read what
 * this consumer holds. Recording that fails because of Redis (refused writes, a lost connection) is not the
 * entries' fault: the same delivery is recorded again, in this process, until Redis takes it; nothing is
 * acknowledged without its effect and no delivery is charged to the entries. Every failure is logged (once per
 * distinct message) and emitted as a typed `failure` event; the loop never throws out of `run`.
 *
 * On a Redis Cluster the input key is in another slot than Watchfloor's keys, so no MULTI holds both: the effect is
 * written first, idempotently (partition entries name their origin; scorers drop repeats), then recorded (counters,
 * dead letters, and a mark per entry, in one MULTI of Watchfloor's slot), then acknowledged, then unmarked. Entries
 * read again skip what their mark says was recorded, so counters and dead letters stay exactly once.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChainableCommander } from 'ioredis';
import type { EntryOrigin } from '../cluster/repeat-filter.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import {
  type AcceptedEvent,
  addInto,
  type BatchOutcome,
  type BatchSource,
  emptyOutcome,
  execAll,
  type PreparedBatch,
  prepareBatch,
  type RawItem,
  type Refusals,
  recordOutcome,
} from './batch.js';
import type { SegmentAdmission } from './segment-admission.js';

export type { AcceptedEvent, BatchOutcome };

/** Where decoded events go. Called synchronously, before the batch is acknowledged. */
export interface EventSink {
  apply(events: readonly AcceptedEvent[], now: number): void;
  /**
   * Adds the events' effect in Redis (the partition streams of a routing ingest) to the MULTI that records the batch
   * and acknowledges it, so that the effect and the acknowledgement happen together or not at all.
   */
  record?(m: ChainableCommander, events: readonly AcceptedEvent[], now: number): void;
  /**
   * On a Redis Cluster, instead of `record`: writes the events' effect by itself, before the batch is recorded and
   * acknowledged. It may run again for the same entries (a retry, a takeover), so what it writes names `origin`.
   */
  write?(events: readonly AcceptedEvent[], now: number, origin: EntryOrigin): Promise<void>;
}

/** What a delivery needs on a Redis Cluster, where its acknowledgement cannot join the MULTI recording its effect. */
export interface ClusterDelivery {
  /** First and last id of a fresh read (every entry between them is in it); null for entries read again. */
  range: readonly [string, string] | null;
  /** Hash marking the entries whose effect is recorded (entry id → when, ms), until they are acknowledged. */
  recorded: string;
  /** Adds the count of `n` acknowledgements to the MULTI that records the effect. */
  count(m: ChainableCommander, n: number): void;
  /** Acknowledges entries, alone (the input key's slot). */
  acknowledge(ids: readonly string[]): Promise<void>;
}

/** One batch of raw entries from one input key, and how to acknowledge it. */
export interface Delivery {
  source: BatchSource;
  items: RawItem[];
  /** Entries refused before decoding (delivered too often), for entries seen again. */
  refusals?: Refusals;
  /** Adds the acknowledgement to the MULTI that records the batch's effect. */
  ack(m: ChainableCommander): void;
  /** Keeps the entries this consumer's while their recording is retried (so no other consumer takes them). */
  hold?(): Promise<void>;
  /** Set on a Redis Cluster: the delivery is recorded and acknowledged in steps (see the module's comment). */
  cluster?: ClusterDelivery;
}

/** Where an attempt failed: reading, the group, applying (the entries' fault), or recording (Redis's). */
export type IngestStage = 'read' | 'group' | 'apply' | 'record';

export class IngestFailure extends Error {
  override name = 'IngestFailure';
  constructor(
    readonly stage: IngestStage,
    readonly source: string | null,
    override readonly cause: Error,
  ) {
    super(`${stage}${source ? ` ${source}` : ''}: ${cause.message}`);
  }
}

export interface IngestEvents {
  /** A batch was applied, recorded and acknowledged. */
  batch: [outcome: BatchOutcome];
  /** An attempt failed; the loop backs off and tries again. */
  failure: [failure: IngestFailure];
  /** An input stream's group vanished (the stream was deleted) and was created again at the new stream's start. */
  'group-recreated': [info: { source: string; at: number }];
}

export interface IngestLoopOptions {
  /** Command connection: deduplication, counters, dead letters, acknowledgements. */
  redis: Redis;
  keys: Keys;
  sink: EventSink;
  logger: Logger;
  maxFutureMs: number;
  segmentOf: (ip: string) => string;
  /** Which segments may come in (`WF_MAX_SEGMENTS`). @default every one */
  segments?: SegmentAdmission;
  /** How long an event id is remembered, s (`WF_DEDUP_TTL_S`). */
  dedupTtlS: number;
}

/** Bounded backoff: 100 ms doubling to 5 s. */
export const backoff = (failures: number) => Math.min(100 * 2 ** Math.min(failures - 1, 6), 5_000);

export abstract class IngestLoop extends EventEmitter<IngestEvents> {
  /** Applied totals of this instance. */
  readonly totals: BatchOutcome = emptyOutcome();
  /** The failure ingest is stuck on, null while reads and batches go through. */
  failing: IngestFailure | null = null;
  private lastLogged = '';

  constructor(private readonly base: IngestLoopOptions) {
    super();
  }

  /** The next deliveries (may wait for entries); none when nothing came. */
  protected abstract next(signal: AbortSignal): Promise<Delivery[]>;
  /** After a failed attempt: the next read takes back what this consumer holds. */
  protected abstract afterFailure(failure: IngestFailure): void;
  protected abstract get idle(): boolean;

  /** Runs until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.idle) return;
    let failures = 0;
    while (!signal.aborted) {
      try {
        for (const d of await this.next(signal)) await this.deliver(d, signal);
        failures = 0;
        this.failing = null;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        const failure = err instanceof IngestFailure ? err : new IngestFailure('read', null, asError(err));
        this.report(failure);
        this.afterFailure(failure);
        await sleep(backoff(failures), undefined, { signal }).catch(() => {});
      }
    }
  }

  /** Decodes, applies, records and acknowledges one delivery. */
  protected async deliver(d: Delivery, signal: AbortSignal): Promise<void> {
    if (d.cluster) return this.deliverInSteps(d, d.cluster, signal);
    const now = Date.now();
    const key = d.source.key;
    const { accepted, dead, outcome } = await this.untilRecorded(d, signal, () =>
      this.prepare(d, d.items, now),
    );
    try {
      this.base.sink.apply(accepted, now);
    } catch (err) {
      throw new IngestFailure('apply', key, asError(err));
    }
    await this.untilRecorded(d, signal, async () => {
      const m = this.base.redis.multi();
      recordOutcome(m, this.base.keys, outcome, dead);
      this.base.sink.record?.(m, accepted, now);
      d.ack(m);
      await execAll(m);
    });
    addInto(this.totals, outcome);
    this.failing = null;
    this.emit('batch', outcome);
  }

  /**
   * A delivery on a Redis Cluster: entries an earlier attempt recorded are only acknowledged; the others are decoded,
   * applied, written (idempotently), recorded with their marks, acknowledged and unmarked, each step retried alone.
   */
  private async deliverInSteps(d: Delivery, c: ClusterDelivery, signal: AbortSignal): Promise<void> {
    const { redis, keys, sink } = this.base;
    const now = Date.now();
    const key = d.source.key;
    const ids = d.items.map(([id]) => id);
    let items = d.items;
    if (!c.range) {
      const marks = await this.untilRecorded(d, signal, () => redis.hmget(c.recorded, ...ids));
      items = items.filter((_, i) => marks[i] === null);
    }
    const { accepted, dead, outcome } = await this.untilRecorded(d, signal, () =>
      this.prepare(d, items, now),
    );
    try {
      sink.apply(accepted, now);
    } catch (err) {
      throw new IngestFailure('apply', key, asError(err));
    }
    if (sink.write && accepted.length > 0) {
      const write = sink.write.bind(sink);
      await this.untilRecorded(d, signal, () => write(accepted, now, { source: key, range: c.range }));
    }
    if (items.length > 0)
      await this.untilRecorded(d, signal, async () => {
        const m = redis.multi();
        recordOutcome(m, keys, outcome, dead);
        c.count(m, items.length);
        m.hset(c.recorded, ...items.flatMap(([id]) => [id, String(now)]));
        await execAll(m);
      });
    await this.untilRecorded(d, signal, () => c.acknowledge(ids));
    await this.untilRecorded(d, signal, () => redis.hdel(c.recorded, ...ids));
    addInto(this.totals, outcome);
    this.failing = null;
    this.emit('batch', outcome);
  }

  /** Decodes `items` of a delivery and drops repeated event ids. */
  private prepare(d: Delivery, items: readonly RawItem[], now: number): Promise<PreparedBatch> {
    const { redis, keys, dedupTtlS, maxFutureMs, segmentOf, segments } = this.base;
    const ctx = { source: d.source.key, field: d.source.ctxField, now, maxFutureMs, segmentOf, segments };
    return prepareBatch(items, d.source, ctx, { redis, keys, ttlS: dedupTtlS }, d.refusals);
  }

  /** Runs a step that needs Redis until it succeeds, holding the delivery between tries; a stop leaves it pending. */
  private async untilRecorded<T>(d: Delivery, signal: AbortSignal, step: () => Promise<T>): Promise<T> {
    for (let failures = 1; ; failures++) {
      try {
        return await step();
      } catch (err) {
        if (signal.aborted) throw err;
        if (isBug(err)) throw new IngestFailure('record', d.source.key, asError(err));
        this.report(new IngestFailure('record', d.source.key, asError(err)));
        await sleep(backoff(failures), undefined, { signal }).catch(() => {});
        if (signal.aborted) throw err;
        await d.hold?.().catch(() => {});
      }
    }
  }

  /** Logs a failure once per distinct message and emits it. */
  protected report(failure: IngestFailure): void {
    this.failing = failure;
    if (failure.message !== this.lastLogged)
      this.base.logger.warn(
        { stage: failure.stage, source: failure.source, err: failure.cause.message },
        'ingest failed; retrying',
      );
    this.lastLogged = failure.message;
    this.emit('failure', failure);
  }

  /** Logs a state change of the loop (recovery, takeover) once. */
  protected note(fields: Record<string, unknown>, message: string): void {
    this.lastLogged = '';
    this.base.logger.info(fields, message);
  }
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** A programming error, not Redis refusing or failing: retrying the same step cannot help. */
const isBug = (err: unknown) =>
  err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError;
