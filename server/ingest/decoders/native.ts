/** @module Native event v1: one JSON object in the configured field (default `event`), or flat field/value pairs. */

import { finishEvent } from './normalize.js';
import type { DecodeContext, Decoded, Decoder } from './types.js';
import { badJson, MAX_ENTRY_BYTES, notObject, reject } from './types.js';

const NUMERIC_FIELDS = new Set([
  'ts',
  'src_port',
  'dst_port',
  'bytes_out',
  'bytes_in',
  'packets_out',
  'packets_in',
  'duration_ms',
  'severity',
]);
const NUMERIC_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function entrySize(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) n += f.length;
  return n;
}

export const decodeNative: Decoder = (fields, ctx) => {
  if (entrySize(fields) > MAX_ENTRY_BYTES)
    return reject('too_large', `entry exceeds ${MAX_ENTRY_BYTES} bytes`, 'too_large', {
      limit: MAX_ENTRY_BYTES,
    });
  if (fields.length === 2 && fields[0] === ctx.field) return decodeJson(fields[1]!, ctx);
  // the JSON field beside others (a producer's own metadata): the event is the JSON, the other fields are not read
  for (let i = 0; i + 1 < fields.length; i += 2)
    if (fields[i] === ctx.field) return decodeJson(fields[i + 1]!, ctx);
  return decodePairs(fields, ctx);
};

/** The recommended encoding: one JSON object in one field. */
export function decodeJson(text: string, ctx: DecodeContext): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return badJson(err);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return notObject(value);
  }
  return finishEvent(value as Record<string, unknown>, ctx);
}

/**
 * Flat field/value pairs: numeric strings in numeric fields become numbers (NaN and Infinity are rejected); `attack`
 * is a comma list of technique ids.
 */
function decodePairs(fields: readonly string[], ctx: DecodeContext): Decoded {
  if (fields.length % 2 !== 0) return reject('bad_value', 'odd number of field/value items', 'odd_pairs');
  if (fields.length === 0) return reject('missing_field', 'entry has no fields', 'no_fields');
  const obj: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i += 2) {
    const key = fields[i]!;
    const value = fields[i + 1]!;
    if (key === 'attack') {
      // a list in one flat value: technique ids separated by commas
      obj[key] = value === '' ? [] : value.split(',').map((t) => t.trim());
    } else if (NUMERIC_FIELDS.has(key)) {
      if (NUMERIC_TEXT.test(value)) obj[key] = Number(value);
      else if (key === 'ts') obj[key] = value;
      else {
        const quoted = JSON.stringify(value.slice(0, 40));
        return reject('bad_type', `${key}: ${quoted} is not a number`, 'not_number', {
          field: key,
          value: quoted,
        });
      }
    } else {
      obj[key] = value;
    }
  }
  return finishEvent(obj, ctx);
}
