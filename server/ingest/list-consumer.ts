/**
 * @module Reliable consumption of Redis lists (Suricata's default `list` mode LPUSHes; Filebeat and Logstash push
 * too): a Lua script moves a batch from the list's oldest end into this consumer's processing list, the ingest loop
 * applies it, and the processing list is deleted in the MULTI that records its effect. After a crash or a failed
 * attempt the processing list is applied first, so nothing is lost and nothing is counted twice.
 *
 * On a Redis Cluster the processing list and the batch counter carry the list's slot as their hash tag (`keys.ts`), so
 * the script touches one slot; deleting the processing list cannot join the MULTI that records the effect (Watchfloor's
 * slot), so a batch is recorded in the ingest loop's steps: its effect written idempotently (partition entries name
 * the list and the batch's first and last element id), recorded with a mark per element (`listRecorded`), the
 * processing list deleted, the marks removed. A batch applied again after a crash skips its marked elements.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fieldOf, type InputSource } from '../config.js';
import { isCluster } from '../redis/connections.js';
import { runScript } from '../redis/scripts.js';
import type { BatchSource, Refusals } from './batch.js';
import { decoderFor } from './decoders/index.js';
import {
  type ClusterDelivery,
  type Delivery,
  type IngestFailure,
  IngestLoop,
  type IngestLoopOptions,
} from './ingest-loop.js';

export interface ListConsumerOptions extends IngestLoopOptions {
  sources: readonly InputSource[];
  consumer: string;
  /** Elements per batch (`WF_BATCH`). */
  batch: number;
  /** Wait between polls of empty lists, ms (`WF_LIST_IDLE_MS`). */
  idleMs: number;
  /** Failed applies of one batch after which its elements are dead-lettered (`WF_MAX_DELIVERIES`). */
  maxDeliveries: number;
}

interface Source extends BatchSource, InputSource {}

export class ListConsumer extends IngestLoop {
  private readonly sources: Source[];
  private recovered = false;
  /** Failed attempts per batch number (a batch that keeps failing to apply is dead-lettered, not retried forever). */
  private readonly attempts = new Map<string, number>();

  constructor(private readonly o: ListConsumerOptions) {
    super(o);
    this.sources = o.sources.map((s) => ({ ...s, decode: decoderFor(s.format), ctxField: fieldOf(s) }));
  }

  protected get idle(): boolean {
    return this.sources.length === 0;
  }

  protected afterFailure(failure: IngestFailure): void {
    this.recovered = false;
    const batch = failure.stage === 'apply' && failure.source ? this.inFlight.get(failure.source) : undefined;
    if (batch !== undefined) this.attempts.set(batch, (this.attempts.get(batch) ?? 0) + 1);
  }

  /** The batch number each list's processing list holds. */
  private readonly inFlight = new Map<string, string>();

  protected async next(signal: AbortSignal): Promise<Delivery[]> {
    const out: Delivery[] = [];
    if (!this.recovered) {
      // batches a previous run or a failed attempt left in the processing lists
      for (const s of this.sources) {
        const [batch, ...left] = await this.o.redis.lrange(this.processingKey(s), 0, -1);
        if (batch === undefined) {
          // marks concern only the batch in the processing list: with none there, they are an ingest's left behind
          // between deleting its processing list and unmarking
          if (this.inCluster) await this.o.redis.del(this.recordedKey(s));
          continue;
        }
        this.note({ list: s.key, elements: left.length }, 'applying a batch left by an earlier attempt');
        out.push(this.delivery(s, batch, left, false));
      }
      this.recovered = true;
      if (out.length) return out;
    }
    for (const s of this.sources) {
      const [batch, ...items] = (await runScript(
        this.o.redis,
        'listTake',
        [s.key, this.processingKey(s), this.o.keys.listBatchSeq(s.key)],
        [this.o.batch],
      )) as string[];
      if (batch !== undefined) out.push(this.delivery(s, batch, items, true));
    }
    if (out.length === 0) await sleep(this.o.idleMs, undefined, { signal }).catch(() => {});
    return out;
  }

  private processingKey(s: InputSource): string {
    return this.o.keys.listProcessing(s.key, this.o.consumer);
  }

  private recordedKey(s: InputSource): string {
    return this.o.keys.listRecorded(s.key, this.o.consumer);
  }

  private get inCluster(): boolean {
    return isCluster(this.o.redis);
  }

  /** One batch: `fresh` when just taken from the list, not found in the processing list after a failure or restart. */
  private delivery(source: Source, batch: string, elements: string[], fresh: boolean): Delivery {
    const field = source.ctxField;
    const items = elements.map((el, i): [string, string[]] => [`${batch}.${i}`, [field, el]]);
    const failed = this.attempts.get(batch) ?? 0;
    let refusals: Refusals | undefined;
    if (failed >= this.o.maxDeliveries) {
      const detail = `failed to apply ${failed} times (limit ${this.o.maxDeliveries})`;
      const text = { key: 'dlq.failed_times', params: { count: failed, limit: this.o.maxDeliveries } };
      refusals = new Map(items.map(([id]) => [id, { reason: 'too_many_deliveries', detail, text }]));
    }
    this.inFlight.set(source.key, batch);
    return {
      source,
      items,
      refusals,
      ack: (m) => {
        m.del(this.processingKey(source));
        this.attempts.delete(batch);
      },
      ...(this.inCluster
        ? {
            cluster: {
              // a batch taken from the list is every element from its first id to its last, taken by no one else
              range: fresh && items.length > 0 ? [items[0]![0], items[items.length - 1]![0]] : null,
              recorded: this.recordedKey(source),
              // lists keep no acknowledgement count (the group-health monitor reads streams only)
              count: () => {},
              acknowledge: async () => {
                await this.o.redis.del(this.processingKey(source));
                this.attempts.delete(batch);
              },
            } satisfies ClusterDelivery,
          }
        : {}),
    };
  }
}
