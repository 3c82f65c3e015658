/**
 * @module Ingest's sink when scoring runs elsewhere: each delivery's accepted events go, grouped by partition, as one
 * entry per partition (field `b`: a JSON batch) into the partition streams, inside the MULTI that records the batch
 * and acknowledges it. One entry per partition and delivery keeps the routed cost to a JSON encode and an XADD per
 * few hundred events. On a Redis Cluster (`write`) the entries are written by themselves, before the batch is recorded
 * and acknowledged, and name their origin (field `s`, the input key; `r`, a fresh read's first and last id; each
 * event its entry id), so that the partition's scorer drops them when an ingest writes them again.
 */
import type { ChainableCommander } from 'ioredis';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import type { AcceptedEvent, EventSink } from '../ingest/ingest-loop.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { partitionOf } from './partitions.js';
import type { EntryOrigin } from './repeat-filter.js';

/**
 * One routed event on the wire: its ref, the event, its arrival (ms) as ingest saw it, and on a Redis Cluster its input
 * entry's id.
 */
export type RoutedEvent = [ref: string, event: NormalizedEvent, arrival: number, entry?: string];

export class PartitionRouter implements EventSink {
  /** Events routed by this process, per partition (for `/api/cluster`). */
  readonly routed: number[];
  private readonly bySegment = new Map<string, number>();

  /** `redis`: for `write`, on a Redis Cluster. */
  constructor(
    private readonly keys: Keys,
    private readonly partitions: number,
    private readonly redis?: Redis,
  ) {
    this.routed = new Array<number>(partitions).fill(0);
  }

  apply(): void {}

  record(m: ChainableCommander, events: readonly AcceptedEvent[], now: number): void {
    if (events.length === 0) return;
    for (const [n, batch] of this.group(events, now, false)) {
      m.xadd(...this.entry(n, batch));
      this.routed[n]! += batch.length;
    }
  }

  /** On a Redis Cluster: one XADD per partition (each in its own slot), sent together; the entries name `origin`. */
  async write(events: readonly AcceptedEvent[], now: number, origin: EntryOrigin): Promise<void> {
    const redis = this.redis;
    if (!redis) throw new Error('the partition router writes by itself only when given a connection');
    const from = origin.range ? ['r', `${origin.range[0]} ${origin.range[1]}`] : [];
    const groups = [...this.group(events, now, true)];
    await Promise.all(
      groups.map(([n, batch]) => redis.xadd(...this.entry(n, batch), 's', origin.source, ...from)),
    );
    for (const [n, batch] of groups) this.routed[n]! += batch.length;
  }

  /** The XADD of partition `n`'s entry holding `batch` (capped stream, field `b`). */
  private entry(n: number, batch: RoutedEvent[]) {
    return [
      this.keys.partition(n, 'events'),
      'MAXLEN',
      '~',
      STREAM_CAPS.partition,
      '*',
      'b',
      JSON.stringify(batch),
    ] as const;
  }

  private group(
    events: readonly AcceptedEvent[],
    now: number,
    withEntry: boolean,
  ): Map<number, RoutedEvent[]> {
    const groups = new Map<number, RoutedEvent[]>();
    for (const { event, ref, entry } of events) {
      const n = this.partitionOf(event.segment);
      let g = groups.get(n);
      if (!g) {
        g = [];
        groups.set(n, g);
      }
      g.push(withEntry && entry !== undefined ? [ref, event, now, entry] : [ref, event, now]);
    }
    return groups;
  }

  private partitionOf(segment: string): number {
    let n = this.bySegment.get(segment);
    if (n === undefined) {
      n = partitionOf(segment, this.partitions);
      if (this.bySegment.size < 100_000) this.bySegment.set(segment, n);
    }
    return n;
  }
}
