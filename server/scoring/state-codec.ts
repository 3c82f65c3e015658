/**
 * @module Scoring state to text and back, for partition snapshots: JSON, with Maps, Sets, typed arrays and the
 * non-finite numbers JSON cannot carry tagged on the way out and rebuilt on the way in. Pure.
 */

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type TypedName = keyof typeof TYPED;

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $n: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) return { $m: [...value] };
  if (value instanceof Set) return { $s: [...value] };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (name in TYPED) return { $t: name, v: Array.from(value as unknown as ArrayLike<number>, tagged) };
  }
  return value;
}

const tagged = (v: number): number | { $n: string } => (Number.isFinite(v) ? v : { $n: String(v) });

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  if ('$n' in o) return Number(o.$n);
  if ('$m' in o) return new Map(o.$m as [unknown, unknown][]);
  if ('$s' in o) return new Set(o.$s as unknown[]);
  if ('$t' in o && typeof o.$t === 'string' && o.$t in TYPED) {
    const values = (o.v as unknown[]).map((x) => (typeof x === 'number' ? x : Number(x)));
    return TYPED[o.$t as TypedName].from(values);
  }
  return value;
}

export const encodeState = (state: unknown): string => JSON.stringify(state, replacer);
export const decodeState = <T>(text: string): T => JSON.parse(text, reviver) as T;
