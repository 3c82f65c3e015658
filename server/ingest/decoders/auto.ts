/**
 * @module Format `auto`: the entry's only field holds a record whose shape names its format — `event_type` →
 * Suricata EVE, `_path` or `id.orig_h` → Zeek, `kind` + `src_ip` → native. Several fields are flat native pairs.
 */

import { decodeEveRecord } from './eve.js';
import { decodeNative, entrySize } from './native.js';
import { finishEvent } from './normalize.js';
import { type JsonObject, parseObject } from './record.js';
import type { DecodeContext, Decoded, Decoder } from './types.js';
import { MAX_ENTRY_BYTES, reject } from './types.js';
import { decodeZeekRecord, idField } from './zeek.js';

export type DetectedFormat = 'eve' | 'zeek' | 'native';

/** The format a parsed record's shape names, or null. */
export function detectFormat(rec: JsonObject): DetectedFormat | null {
  if (rec.event_type !== undefined) return 'eve';
  if (rec._path !== undefined || idField(rec, 'orig_h') !== undefined) return 'zeek';
  if (rec.kind !== undefined && rec.src_ip !== undefined) return 'native';
  return null;
}

export const decodeAuto: Decoder = (fields, ctx) => {
  if (entrySize(fields) > MAX_ENTRY_BYTES)
    return reject('too_large', `entry exceeds ${MAX_ENTRY_BYTES} bytes`, 'too_large', {
      limit: MAX_ENTRY_BYTES,
    });
  if (fields.length !== 2) return decodeNative(fields, ctx);
  const raw = fields[1]!;
  // One pair that is not JSON (`kind flow`) is a flat native entry too.
  if (!/^\s*[[{"]/.test(raw) && fields[0] !== ctx.field) return decodeNative(fields, ctx);
  return decodeAutoText(raw, ctx);
};

/** Decodes one JSON record of any supported format. */
export function decodeAutoText(raw: string, ctx: DecodeContext): Decoded {
  const parsed = parseObject(raw);
  if (parsed.error) return parsed.error;
  const rec = parsed.value;
  switch (detectFormat(rec)) {
    case 'eve':
      return decodeEveRecord(rec, raw, ctx);
    case 'zeek':
      return decodeZeekRecord(rec, ctx);
    case 'native':
      return finishEvent(rec, ctx);
    default:
      return reject(
        'unknown_format',
        'no event_type, _path, id.orig_h, or kind with src_ip',
        'unknown_format',
      );
  }
}
