/** @module Loads a telemetry sample file (EVE, Zeek JSON/TSV, .gz) into normalized events, in event-time order. */
import { decoderFor, defaultField } from '../server/ingest/decoders/index.js';
import type { DecodeContext } from '../server/ingest/decoders/types.js';
import { readFile } from '../server/replay/readers.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';

export interface LoadedEvent {
  event: NormalizedEvent;
  /** event_id, else `<file line>`. */
  ref: string;
}

/** Every scored event of a file, sorted by event time (stable); rejected and `other` records are skipped. */
export async function loadSample(path: string, segment = 'sample'): Promise<LoadedEvent[]> {
  const out: LoadedEvent[] = [];
  const ctx: DecodeContext = {
    source: 'sample',
    field: '',
    now: Date.now(),
    maxFutureMs: Number.POSITIVE_INFINITY,
    segmentOf: () => segment,
  };
  for await (const item of readFile(path)) {
    if (!item.ok) continue;
    const field = defaultField(item.format);
    const decoded = decoderFor(item.format)([field, item.text], { ...ctx, field });
    if (decoded.ok !== true) continue;
    out.push({ event: decoded.event, ref: decoded.event.event_id ?? `line:${item.line}` });
  }
  return out.sort((a, b) => a.event.ts - b.event.ts);
}
