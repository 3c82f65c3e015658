/**
 * @module Ingest's sink when scoring runs elsewhere: each delivery's accepted events go, grouped by partition, as one
 * entry per partition (field `b`: a JSON batch) into the partition streams, inside the MULTI that records the batch
 * and acknowledges it. One entry per partition and delivery keeps the routed cost to a JSON encode and an XADD per
 * few hundred events.
 */
import type { ChainableCommander } from 'ioredis';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import type { AcceptedEvent, EventSink } from '../ingest/ingest-loop.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { partitionOf } from './partitions.js';

/** One routed event on the wire: its ref, the event, and its arrival (ms) as ingest saw it. */
export type RoutedEvent = [ref: string, event: NormalizedEvent, arrival: number];

export class PartitionRouter implements EventSink {
  /** Events routed by this process, per partition (for `/api/cluster`). */
  readonly routed: number[];
  private readonly bySegment = new Map<string, number>();

  constructor(
    private readonly keys: Keys,
    private readonly partitions: number,
  ) {
    this.routed = new Array<number>(partitions).fill(0);
  }

  apply(): void {}

  record(m: ChainableCommander, events: readonly AcceptedEvent[], now: number): void {
    if (events.length === 0) return;
    const groups = new Map<number, RoutedEvent[]>();
    for (const { event, ref } of events) {
      const n = this.partitionOf(event.segment);
      let g = groups.get(n);
      if (!g) {
        g = [];
        groups.set(n, g);
      }
      g.push([ref, event, now]);
    }
    for (const [n, batch] of groups) {
      m.xadd(
        this.keys.partition(n, 'events'),
        'MAXLEN',
        '~',
        STREAM_CAPS.partition,
        '*',
        'b',
        JSON.stringify(batch),
      );
      this.routed[n]! += batch.length;
    }
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
