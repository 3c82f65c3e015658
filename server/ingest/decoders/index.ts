/** @module The decoder registry: input format → decoder, and the field each format reads by default. */

import { decodeAuto } from './auto.js';
import { decodeEve } from './eve.js';
import { decodeNative } from './native.js';
import type { Decoder, InputFormat } from './types.js';
import { decodeZeek } from './zeek.js';

const DECODERS: Readonly<Record<InputFormat, Decoder>> = Object.freeze({
  native: decodeNative,
  eve: decodeEve,
  zeek: decodeZeek,
  auto: decodeAuto,
});

const DEFAULT_FIELDS: Readonly<Record<InputFormat, string>> = Object.freeze({
  native: 'event',
  eve: 'eve',
  zeek: 'zeek',
  auto: '',
});

/** The decoder of an input format. */
export function decoderFor(format: InputFormat): Decoder {
  return DECODERS[format];
}

/**
 * The field a format reads when `key=format` names none: `event` (native; flat pairs otherwise), `eve` (as
 * Suricata 8 writes it), `zeek`. `auto` reads the entry's only field whatever its name, so its default is `''`.
 */
export function defaultField(format: InputFormat): string {
  return DEFAULT_FIELDS[format];
}
