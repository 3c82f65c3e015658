/** @module The decoder contract: a raw stream entry in, a normalized event or a rejection out. Decoders never throw. */
import type { NormalizedEvent, RejectReason } from '../../../shared/schemas/telemetry.js';

export const INPUT_FORMATS = ['native', 'eve', 'zeek', 'auto'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface DecodeContext {
  /** The input key (stream or list) the entry came from; sensor id of last resort. */
  source: string;
  /** The field holding the record (`event`, `eve`, `zeek`, `msg`…), from `key=format:field`. */
  field: string;
  /** Wall clock at decoding, epoch ms. */
  now: number;
  /** Events further ahead of `now` than this are tagged skewed and scored at arrival time. */
  maxFutureMs: number;
  /** Segment of an address from the CIDR map, or `unassigned`. */
  segmentOf: (ip: string) => string;
}

export type Decoded =
  | { ok: true; event: NormalizedEvent }
  /** A well-formed record that carries no telemetry Watchfloor scores (EVE stats, smb…): counted, never rejected. */
  | { ok: 'other'; type: string }
  | { ok: false; reason: RejectReason; detail: string };

/**
 * A decoder reads one entry given as the flat field/value array Redis returns (`[f1, v1, f2, v2, …]`);
 * list elements are passed as `[field, element]`.
 */
export type Decoder = (fields: readonly string[], ctx: DecodeContext) => Decoded;

/** Largest raw entry accepted (sum of field and value lengths). */
export const MAX_ENTRY_BYTES = 64 * 1024;

export const reject = (reason: RejectReason, detail: string): Decoded => ({ ok: false, reason, detail });
