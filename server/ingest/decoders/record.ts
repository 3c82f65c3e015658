/** @module Small total helpers the sensor decoders (EVE, Zeek, auto) share: entry field lookup, JSON object parsing, field coercion. */
import { entrySize } from './native.js';
import type { Decoded } from './types.js';
import { badJson, MAX_ENTRY_BYTES, notObject, reject } from './types.js';

export type JsonObject = Record<string, unknown>;
/** A value, or the rejection that stands for it. */
export type Result<T> = { value: T; error?: undefined } | { error: Decoded };

/** The value of `field` in a flat field/value array, or undefined. */
export function fieldValue(fields: readonly string[], field: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === field) return fields[i + 1];
  return undefined;
}

/** The record text of one entry: size-checked, from `field` (or the only field when `field` is null). */
export function entryText(fields: readonly string[], field: string): Result<string> {
  if (entrySize(fields) > MAX_ENTRY_BYTES)
    return {
      error: reject('too_large', `entry exceeds ${MAX_ENTRY_BYTES} bytes`, 'too_large', {
        limit: MAX_ENTRY_BYTES,
      }),
    };
  const value = fieldValue(fields, field);
  if (value === undefined) {
    const name = JSON.stringify(field).slice(0, 64);
    return { error: reject('missing_field', `entry has no field ${name}`, 'no_field', { field: name }) };
  }
  return { value };
}

/** Parses JSON text that must be an object; a rejection otherwise. */
export function parseObject(text: string): Result<JsonObject> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: badJson(err) };
  }
  if (!isObject(value)) {
    return { error: notObject(value) };
  }
  return { value };
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A non-empty string, truncated to `max` characters; undefined for anything else. */
export function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;
}

/** A finite number (numeric strings accepted); undefined otherwise. */
export function num(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A nested object member, or undefined. */
export function member(obj: JsonObject, key: string): JsonObject | undefined {
  const v = obj[key];
  return isObject(v) ? v : undefined;
}

const MAX_ID = 128;

/** Joins id parts with `:`; ids longer than the contract's 128 characters keep their head and a hash of the whole. */
export function boundedId(parts: readonly (string | number)[]): string {
  const id = parts.join(':');
  if (id.length <= MAX_ID) return id;
  return `${id.slice(0, MAX_ID - 18)}#${fnv1a(id)}`;
}

/** 64-bit FNV-1a as 16 hex digits: stable, dependency-free, enough to keep distinct long ids apart. */
function fnv1a(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** Drops undefined members so the contract's zod schema sees only present fields. */
export function compact(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
