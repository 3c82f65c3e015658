/**
 * @module Example events read back by ref (`<stream>/<entry id>`): from their input stream, decoded again, or, once
 * the stream has trimmed them, from the copies kept for the alerts that stand on them ({@link EventLookup.keep}).
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
  /** Hash of kept copies, ref → event JSON (`Keys.keptEvents`); without it nothing is kept. */
  keptKey?: string;
}

export class EventLookup {
  constructor(private readonly d: EventLookupDeps) {}

  /**
   * Each ref with its event, or null for a ref neither the stream nor the kept copies hold, that names no input
   * stream, or that is a producer's event_id (not an address).
   */
  read(refs: readonly string[]): Promise<{ ref: string; event: NormalizedEvent | null }[]> {
    return Promise.all(refs.map(async (ref) => ({ ref, event: await this.one(ref) })));
  }

  /**
   * Copies the events `refs` name out of their stream (those it still holds), so they can be read after it trims
   * them. Returns how many were copied (the alert engine asks once per ref and alert).
   */
  async keep(refs: readonly string[]): Promise<number> {
    const key = this.d.keptKey;
    if (!key) return 0;
    const found = await Promise.all(
      [...new Set(refs)].map(async (ref) => [ref, await this.fromStream(ref)] as const),
    );
    const copies = found.filter(([, ev]) => ev !== null);
    if (copies.length > 0)
      await this.d.redis.hset(key, ...copies.flatMap(([r, ev]) => [r, JSON.stringify(ev)]));
    return copies.length;
  }

  private async one(ref: string): Promise<NormalizedEvent | null> {
    return (await this.fromStream(ref)) ?? (await this.fromKept(ref));
  }

  private async fromKept(ref: string): Promise<NormalizedEvent | null> {
    if (!this.d.keptKey) return null;
    const json = await this.d.redis.hget(this.d.keptKey, ref);
    if (json === null) return null;
    try {
      return JSON.parse(json) as NormalizedEvent;
    } catch {
      return null;
    }
  }

  private async fromStream(ref: string): Promise<NormalizedEvent | null> {
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
