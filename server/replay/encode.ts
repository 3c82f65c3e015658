/**
 * @module What each replayed record becomes on the wire (pure): its original text under the format's field
 * (timestamps shifted when rebasing), or, with `--as native`, a native event decoded here.
 */
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { decoderFor, defaultField } from '../ingest/decoders/index.js';
import type { DecodeContext } from '../ingest/decoders/types.js';
import type { ReplayRecord } from './load.js';
import { type RecordFormat, shiftTime } from './readers.js';

export type SendAs = 'original' | 'native';

/** The stream a format's sensor writes by default (README "Sensors"). */
export const DEFAULT_STREAMS: Readonly<Record<RecordFormat, string>> = Object.freeze({
  native: 'telemetry',
  eve: 'suricata',
  zeek: 'zeek',
});

export interface EncodeOptions {
  as: SendAs;
  /** Destination stream; by default the format's (`telemetry` with `--as native`). */
  stream?: string;
  /** Field of original records; by default the format's (`eve`, `zeek`, `event`). */
  field?: string;
  /** Segment of every event (`--as native` only: EVE and Zeek records have no segment field). */
  segment?: string;
}

export type Encoded = { stream: string; field: string; payload: string } | { skip: string };

/** Segment placeholder: the server resolves segments from its own CIDR map, so none is decided here. */
const UNRESOLVED = '\u0000';

/** Builds the encoder of one replay. */
export function encoder(o: EncodeOptions): (rec: ReplayRecord, deltaMs: number) => Encoded {
  if (o.as === 'original') {
    if (o.segment !== undefined) throw new Error('a segment is set on native events only (--as native)');
    return (rec, delta) => ({
      stream: o.stream ?? DEFAULT_STREAMS[rec.format],
      field: o.field ?? defaultField(rec.format),
      payload: delta !== 0 && rec.timed ? shiftTime(rec.text, rec.format, delta) : rec.text,
    });
  }
  const stream = o.stream ?? DEFAULT_STREAMS.native;
  return (rec, delta) => {
    const field = defaultField(rec.format);
    const ctx: DecodeContext = {
      // The sensor id of last resort is the stream the sensor would have written.
      source: DEFAULT_STREAMS[rec.format],
      field,
      now: 0,
      // Skew is judged by the server when the event arrives.
      maxFutureMs: Number.POSITIVE_INFINITY,
      segmentOf: () => UNRESOLVED,
    };
    let decoded: ReturnType<ReturnType<typeof decoderFor>>;
    try {
      decoded = decoderFor(rec.format)([field, rec.text], ctx);
    } catch {
      // Decoders are total; this only guards the replay against a decoder bug.
      return { skip: 'bad_value' };
    }
    if (decoded.ok === 'other') return { skip: 'other' };
    if (decoded.ok === false) return { skip: decoded.reason };
    const event = nativeOf(decoded.event, delta);
    if (o.segment !== undefined) event.segment = o.segment;
    return { stream, field: 'event', payload: JSON.stringify(event) };
  };
}

/** A normalized event as a native event v1 (epoch-ms `ts`), without the placeholder segment. */
function nativeOf(
  event: NormalizedEvent,
  delta: number,
): Omit<NormalizedEvent, 'segment' | 'skewed'> & {
  segment?: string;
} {
  const { segment, skewed: _skewed, ...rest } = event;
  const out: Omit<NormalizedEvent, 'segment' | 'skewed'> & { segment?: string } = {
    ...rest,
    ts: event.ts + Math.round(delta),
  };
  if (segment !== UNRESOLVED) out.segment = segment;
  return out;
}
