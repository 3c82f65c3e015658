/** @module The decoder contract: a raw stream entry in, a normalized event or a rejection out. Decoders never throw. */
import type { TextParams, TextRef } from '../../../shared/locale.js';
import type { NormalizedEvent, RejectReason } from '../../../shared/schemas/telemetry.js';
import type { SegmentAdmission } from '../segment-admission.js';

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
  /** Which segments may come in (`WF_MAX_SEGMENTS`); every one when absent (replay's encoding, event lookups). */
  segments?: SegmentAdmission;
}

export type Decoded =
  | { ok: true; event: NormalizedEvent }
  /** A well-formed record that carries no telemetry Watchfloor scores (EVE stats, smb…): counted, never rejected. */
  | { ok: 'other'; type: string }
  /** `detail` is English for programs; `text` the same as a catalogue key (`server.<key>`) and parameters for screens. */
  | { ok: false; reason: RejectReason; detail: string; text: TextRef };

/**
 * A decoder reads one entry given as the flat field/value array Redis returns (`[f1, v1, f2, v2, …]`);
 * list elements are passed as `[field, element]`.
 */
export type Decoder = (fields: readonly string[], ctx: DecodeContext) => Decoded;

/** Largest raw entry accepted (sum of field and value lengths). */
export const MAX_ENTRY_BYTES = 64 * 1024;

/** A rejection: its English `detail`, and the same as `dlq.<key>` with `params` for the screens' catalogues. */
export const reject = (reason: RejectReason, detail: string, key: string, params?: TextParams): Decoded => ({
  ok: false,
  reason,
  detail,
  text: params ? { key: `dlq.${key}`, params } : { key: `dlq.${key}` },
});

/** A JSON parser's complaint as a catalogue text: at which character (counted from 1) it stopped, when it says. */
export function badJson(err: unknown): Decoded {
  const message = (err as Error).message.slice(0, 200);
  const at = /position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return reject('bad_json', message, 'bad_json_at', { character: Number(at) + 1 });
  return reject('bad_json', message, /end of JSON/i.test(message) ? 'bad_json_end' : 'bad_json');
}

/** A JSON value that is not an object: what it is instead, in English and as a word the catalogues hold. */
export function notObject(value: unknown): Decoded {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return reject(
    'not_object',
    `expected a JSON object, got ${got === 'array' ? 'an array' : got}`,
    `not_object.${got}`,
  );
}
