/**
 * @module The stream consumer: reads the input streams through the consumer group, decodes, applies, and
 * acknowledges each entry only after its effect (scores in memory, counters and dead letters in Redis) is applied.
 * On start it re-reads its own pending entries; a reclaimer takes over entries of dead consumers.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fieldOf, type InputSource } from '../config.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import {
  type AcceptedEvent,
  addInto,
  type BatchOutcome,
  execAll,
  prepareBatch,
  type RawItem,
  recordOutcome,
} from './batch.js';
import { decoderFor } from './decoders/index.js';
import type { DecodeContext, Decoder } from './decoders/types.js';

/** Where decoded events go. Called synchronously, before the batch is acknowledged. */
export type { AcceptedEvent, BatchOutcome };

export interface EventSink {
  apply(events: readonly AcceptedEvent[], now: number): void;
}

export interface ConsumerOptions {
  /** Dedicated connection for blocking reads (nothing else may use it). */
  blocking: Redis;
  /** Shared command connection (acks, counters, dead letters, reclaim). */
  redis: Redis;
  keys: Keys;
  sources: readonly InputSource[];
  group: string;
  consumer: string;
  start: '$' | '0';
  maxDeliveries: number;
  reclaimIdleMs: number;
  maxFutureMs: number;
  segmentOf: (ip: string) => string;
  sink: EventSink;
  logger: Logger;
  /** Entries per read. @default 500 */
  batch?: number;
  /** BLOCK time of a read, ms. @default 2000 */
  blockMs?: number;
  /** Event ids are remembered this long, s. @default 86400 */
  dedupTtlS?: number;
}

type Entry = RawItem;

interface Source extends InputSource {
  decode: Decoder;
  ctxField: string;
}

/**
 * Emits `batch` (BatchOutcome) after each applied batch and `error` (Error) for each failed attempt; it never
 * throws out of its loops, and backs off (100 ms doubling to 5 s) while Redis fails.
 */
export class StreamConsumer extends EventEmitter {
  private readonly sources: Source[];
  private readonly batch: number;
  private readonly blockMs: number;
  private readonly dedupTtl: number;
  /** Wall clock of the last completed read; the readiness check and the watchdog look at it. */
  lastReadAt = 0;
  /** Applied totals of this instance. */
  readonly totals: BatchOutcome = { accepted: 0, other: 0, duplicates: 0, rejected: {} };

  constructor(private readonly o: ConsumerOptions) {
    super();
    this.sources = o.sources.map((s) => ({ ...s, decode: decoderFor(s.format), ctxField: fieldOf(s) }));
    this.batch = o.batch ?? 500;
    this.blockMs = o.blockMs ?? 2000;
    this.dedupTtl = o.dedupTtlS ?? 600;
  }

  /** Runs until the signal aborts: own pending entries first, then new ones; the reclaimer runs beside it. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.sources.length === 0) return;
    const reclaimer = this.reclaimLoop(signal);
    await this.withRetry(signal, () => this.ensureGroups());
    await this.withRetry(signal, () => this.drainOwnPending(signal));
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.readOnce('>');
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        if (isNoGroup(err)) await this.ensureGroups().catch(() => {});
        this.report(err);
        await sleep(backoff(failures), undefined, { signal }).catch(() => {});
      }
    }
    await reclaimer;
  }

  /** Creates each group with MKSTREAM at `start`; an existing group is left as it is. */
  async ensureGroups(): Promise<void> {
    for (const s of this.sources) {
      try {
        await this.o.redis.xgroup('CREATE', s.key, this.o.group, this.o.start, 'MKSTREAM');
      } catch (err) {
        if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
      }
    }
  }

  /** Re-reads entries delivered to this consumer before a restart and not yet acknowledged. */
  private async drainOwnPending(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) return;
      const n = await this.readOnce('0');
      if (n === 0) return;
    }
  }

  /** One XREADGROUP over every source; returns entries handled. `'0'` reads own pending entries. */
  private async readOnce(from: '>' | '0'): Promise<number> {
    const keys = this.sources.map((s) => s.key);
    const args: (string | number)[] = ['GROUP', this.o.group, this.o.consumer, 'COUNT', this.batch];
    if (from === '>') args.push('BLOCK', this.blockMs);
    args.push('STREAMS', ...keys, ...keys.map(() => from));
    const reply = (await this.o.blocking.call('XREADGROUP', ...args)) as [string, Entry[]][] | null;
    this.lastReadAt = Date.now();
    if (!reply) return 0;
    let n = 0;
    for (const [key, entries] of reply) {
      if (entries.length === 0) continue;
      const source = this.sources.find((s) => s.key === key)!;
      await this.handle(source, entries, from === '0');
      n += entries.length;
    }
    return n;
  }

  /** Takes over entries idle past the limit from consumers that died, every half limit. */
  private async reclaimLoop(signal: AbortSignal): Promise<void> {
    const every = Math.max(500, Math.floor(this.o.reclaimIdleMs / 2));
    let failures = 0;
    while (!signal.aborted) {
      await sleep(failures ? backoff(failures) : every, undefined, { signal }).catch(() => {});
      if (signal.aborted) return;
      try {
        await this.reclaimAll();
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        this.report(err);
      }
    }
  }

  /** One reclaim pass over every source; returns the entries taken over. */
  async reclaimAll(): Promise<number> {
    let n = 0;
    for (const s of this.sources) n += await this.reclaim(s);
    return n;
  }

  private async reclaim(source: Source): Promise<number> {
    let cursor = '0-0';
    let total = 0;
    do {
      const [next, entries] = (await this.o.redis.call(
        'XAUTOCLAIM',
        source.key,
        this.o.group,
        this.o.consumer,
        this.o.reclaimIdleMs,
        cursor,
        'COUNT',
        this.batch,
      )) as [string, Entry[], string[]?];
      cursor = next;
      if (entries.length > 0) {
        this.o.logger.info(
          { source: source.key, entries: entries.length },
          'reclaimed pending entries of another consumer',
        );
        await this.handle(source, entries, true);
        total += entries.length;
      }
    } while (cursor !== '0-0');
    return total;
  }

  /** Delivery counts of pending entries (for entries seen again after a restart or a reclaim). */
  private async deliveryCounts(source: Source, entries: Entry[]): Promise<Map<string, number>> {
    const first = entries[0]![0];
    const last = entries[entries.length - 1]![0];
    const rows = (await this.o.redis.call(
      'XPENDING',
      source.key,
      this.o.group,
      first,
      last,
      entries.length * 2,
    )) as [string, string, number, number][];
    return new Map(rows.map((r) => [r[0], Number(r[3])]));
  }

  private async handle(source: Source, entries: Entry[], redelivered: boolean): Promise<void> {
    const now = Date.now();
    const ctx: DecodeContext = {
      source: source.key,
      field: source.ctxField,
      now,
      maxFutureMs: this.o.maxFutureMs,
      segmentOf: this.o.segmentOf,
    };
    const counts = redelivered ? await this.deliveryCounts(source, entries) : null;
    // only entries seen again (after a restart or a reclaim) can have been delivered too often
    const refusals = counts
      ? new Map<string, { reason: 'too_many_deliveries'; detail: string }>()
      : undefined;
    for (const [id, n] of counts ?? []) {
      if (n > this.o.maxDeliveries)
        refusals?.set(id, {
          reason: 'too_many_deliveries',
          detail: `delivered ${n} times (limit ${this.o.maxDeliveries})`,
        });
    }
    const { accepted, dead, outcome } = await prepareBatch(
      entries,
      source,
      ctx,
      { redis: this.o.redis, keys: this.o.keys, ttlS: this.dedupTtl },
      refusals,
    );
    this.o.sink.apply(accepted, now);
    // counters, dead letters and the acknowledgement in one MULTI: all or nothing
    const m = this.o.redis.multi();
    recordOutcome(m, this.o.keys, outcome, dead);
    m.xack(source.key, this.o.group, ...entries.map(([id]) => id));
    await execAll(m);
    addInto(this.totals, outcome);
    this.emit('batch', outcome);
  }

  private async withRetry(signal: AbortSignal, fn: () => Promise<void>): Promise<void> {
    for (let failures = 1; !signal.aborted; failures++) {
      try {
        return await fn();
      } catch (err) {
        if (signal.aborted) return;
        this.report(err);
        await sleep(backoff(failures), undefined, { signal }).catch(() => {});
      }
    }
  }

  private report(err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err));
    if (this.listenerCount('error') > 0) this.emit('error', e);
    else this.o.logger.warn({ err: e.message }, 'stream consumer error');
  }
}

export const backoff = (failures: number) => Math.min(100 * 2 ** Math.min(failures - 1, 6), 5_000);

const isNoGroup = (err: unknown) => String((err as Error)?.message).includes('NOGROUP');
