/**
 * @module Example events read back from their input stream by ref (`<stream>/<entry id>`) and decoded again, for
 * the reasons' examples a host no longer keeps among its recent events.
 */
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { fieldOf, type InputSource } from '../config.js';
import type { Redis } from '../redis/connections.js';
import { decoderFor } from './decoders/index.js';

export interface EventLookupDeps {
  redis: Redis;
  /** Input streams (config.streams): a ref must name one of them. */
  streams: readonly InputSource[];
  maxFutureMs: number;
  segmentOf: (ip: string) => string;
}

export class EventLookup {
  constructor(private readonly d: EventLookupDeps) {}

  /**
   * Each ref with its event, or null for a ref the stream no longer holds, that names no input stream, or that is
   * a producer's event_id (not an address).
   */
  read(refs: readonly string[]): Promise<{ ref: string; event: NormalizedEvent | null }[]> {
    return Promise.all(refs.map(async (ref) => ({ ref, event: await this.one(ref) })));
  }

  private async one(ref: string): Promise<NormalizedEvent | null> {
    const cut = ref.lastIndexOf('/');
    const source = this.d.streams.find((s) => s.key === ref.slice(0, cut));
    const id = ref.slice(cut + 1);
    if (cut < 0 || !source || !/^\d+-\d+$/.test(id)) return null;
    const [entry] = await this.d.redis.xrange(source.key, id, id);
    if (!entry) return null;
    const decoded = decoderFor(source.format)(entry[1], {
      source: source.key,
      field: fieldOf(source),
      now: Date.now(),
      maxFutureMs: this.d.maxFutureMs,
      segmentOf: this.d.segmentOf,
    });
    return decoded.ok === true ? decoded.event : null;
  }
}
