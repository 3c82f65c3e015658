/**
 * @module A table of fixed-width numeric rows keyed by short strings (addresses), in plain arrays: open addressing
 * on an FNV-1a hash, rows in insertion order. For per-bucket accumulators looked up on every event, where an object
 * used as a map would intern each fresh key string first. JSON-serializable.
 */

export interface KeyedRows {
  /** Numbers per row. */
  width: number;
  /** Keys in insertion order; row `i` is `rows[i·width, (i+1)·width)`. */
  keys: string[];
  rows: number[];
  /** Hash table over `keys`: 0 = empty, else row index + 1 (length a power of two, at least twice the rows). */
  slots: number[];
}

export function newKeyedRows(width: number): KeyedRows {
  return { width, keys: [], rows: [], slots: new Array<number>(16).fill(0) };
}

/** FNV-1a over the UTF-16 code units of `s`. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Index of the row of `key`, or −1 when absent (`add`: a new zero row is appended). */
export function rowOf(t: KeyedRows, key: string, add: boolean): number {
  return rowOfHashed(t, key, hashString(key), add);
}

/** {@link rowOf} with `hashString(key)` already known (an address's, from ./address-facts.ts). */
export function rowOfHashed(t: KeyedRows, key: string, hash: number, add: boolean): number {
  const mask = t.slots.length - 1;
  let at = hash & mask;
  for (let slot = t.slots[at]!; slot !== 0; slot = t.slots[at]!) {
    if (t.keys[slot - 1] === key) return slot - 1;
    at = (at + 1) & mask;
  }
  if (!add) return -1;
  t.keys.push(key);
  for (let k = 0; k < t.width; k++) t.rows.push(0);
  t.slots[at] = t.keys.length;
  if (t.keys.length * 2 > t.slots.length) rehash(t, t.slots.length * 2);
  return t.keys.length - 1;
}

/**
 * Empties the table (keeping its size). Keys and rows start over in fresh arrays: the keys are young strings, which
 * a young array holds at no cost to the collector.
 */
export function clearRows(t: KeyedRows): void {
  if (t.keys.length === 0) return;
  t.keys = [];
  t.rows = [];
  t.slots.fill(0);
}

function rehash(t: KeyedRows, size: number): void {
  const slots = new Array<number>(size).fill(0);
  const mask = size - 1;
  for (let i = 0; i < t.keys.length; i++) {
    let at = hashString(t.keys[i]!) & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = i + 1;
  }
  t.slots = slots;
}
