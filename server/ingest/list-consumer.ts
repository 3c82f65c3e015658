/**
 * @module Reliable consumption of Redis lists (Suricata's default `list` mode LPUSHes; Filebeat and Logstash
 * push too): a Lua script moves a batch from the list's oldest end into this consumer's processing list, the
 * batch is applied, and the processing list is deleted in the same MULTI as the counters. After a crash the
 * processing list is applied first, so nothing is lost and nothing is counted twice.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fieldOf, type InputSource } from '../config.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import { addInto, type BatchOutcome, emptyOutcome, execAll, prepareBatch, recordOutcome } from './batch.js';
import { decoderFor } from './decoders/index.js';
import type { EventSink } from './stream-consumer.js';
import { backoff } from './stream-consumer.js';

export interface ListConsumerOptions {
  redis: Redis;
  keys: Keys;
  sources: readonly InputSource[];
  consumer: string;
  maxFutureMs: number;
  segmentOf: (ip: string) => string;
  sink: EventSink;
  logger: Logger;
  /** Elements per batch. @default 500 */
  batch?: number;
  /** Wait between polls of empty lists, ms. @default 100 */
  idleMs?: number;
  dedupTtlS?: number;
}

export class ListConsumer extends EventEmitter {
  readonly totals: BatchOutcome = emptyOutcome();

  constructor(private readonly o: ListConsumerOptions) {
    super();
  }

  /** Runs until the signal aborts: first whatever a previous run left in its processing lists, then new elements. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.o.sources.length === 0) return;
    let failures = 0;
    let recovered = false;
    while (!signal.aborted) {
      try {
        if (!recovered) {
          for (const s of this.o.sources) await this.recover(s);
          recovered = true;
        }
        let moved = 0;
        for (const s of this.o.sources) moved += await this.takeOnce(s);
        failures = 0;
        if (moved === 0) await sleep(this.o.idleMs ?? 100, undefined, { signal }).catch(() => {});
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        this.emit('error', err instanceof Error ? err : new Error(String(err)));
        await sleep(backoff(failures), undefined, { signal }).catch(() => {});
      }
    }
  }

  private processingKey(s: InputSource): string {
    return this.o.keys.listProcessing(s.key, this.o.consumer);
  }

  /** Applies a processing list left by a crash (its elements were taken but not applied). */
  private async recover(s: InputSource): Promise<void> {
    const [batch, ...left] = await this.o.redis.lrange(this.processingKey(s), 0, -1);
    if (batch === undefined) return;
    this.o.logger.info({ list: s.key, elements: left.length }, 'applying a batch left by an earlier run');
    await this.apply(s, batch, left);
  }

  /** Takes one batch and applies it; returns how many elements it took. */
  async takeOnce(s: InputSource): Promise<number> {
    const [batch, ...items] = (await runScript(
      this.o.redis,
      'listTake',
      [s.key, this.processingKey(s), this.o.keys.listBatchSeq(s.key)],
      [this.o.batch ?? 500],
    )) as string[];
    if (batch === undefined) return 0;
    await this.apply(s, batch, items);
    return items.length;
  }

  private async apply(s: InputSource, batch: string, elements: string[]): Promise<void> {
    const now = Date.now();
    const field = fieldOf(s);
    const { accepted, dead, outcome } = await prepareBatch(
      elements.map((el, i): [string, string[]] => [`${batch}.${i}`, [field, el]]),
      { key: s.key, decode: decoderFor(s.format), ctxField: field },
      { source: s.key, field, now, maxFutureMs: this.o.maxFutureMs, segmentOf: this.o.segmentOf },
      { redis: this.o.redis, keys: this.o.keys, ttlS: this.o.dedupTtlS ?? 600 },
    );
    this.o.sink.apply(accepted, now);
    const m = this.o.redis.multi();
    recordOutcome(m, this.o.keys, outcome, dead);
    m.del(this.processingKey(s));
    await execAll(m);
    addInto(this.totals, outcome);
    this.emit('batch', outcome);
  }
}
