/** @module Dead-letter records: what a rejected entry becomes in `<prefix>dlq`. */
import type { TextRef } from '../../shared/locale.js';
import type { RejectReason } from '../../shared/schemas/telemetry.js';

export const RAW_LIMIT = 8 * 1024;

export interface DeadLetter {
  source: string;
  id: string;
  reason: RejectReason;
  /** English, for programs. */
  detail: string;
  /** The detail as a catalogue key (`server.<key>`) and its parameters, for screens. */
  text: TextRef;
  raw: string;
}

/** The raw entry as text: the single record field as is, otherwise the field/value pairs as JSON. */
export function rawText(fields: readonly string[] | null, recordField: string): string {
  if (!fields) return '';
  const text =
    fields.length === 2 && (fields[0] === recordField || recordField === '')
      ? fields[1]!
      : JSON.stringify(fields);
  return text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text;
}

/** XADD arguments (after the key and MAXLEN) for one dead letter. */
export function deadLetterFields(d: DeadLetter): string[] {
  return [
    'source',
    d.source,
    'id',
    d.id,
    'reason',
    d.reason,
    'detail',
    d.detail.slice(0, 1024),
    'raw',
    d.raw,
    'key',
    d.text.key,
    ...(d.text.params ? ['params', JSON.stringify(d.text.params)] : []),
  ];
}
