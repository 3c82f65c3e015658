/**
 * @module A read-only set of strings, each naming a run of records, looked up without allocating: the keys in one
 * flat string, an open-addressed table of their hashes (typed arrays), and the records of every key in one array.
 * A lookup reads a range of the caller's string and may fold ASCII case, so that a domain and its parents are
 * looked up without slicing or lower-casing it. The hash runs from a key's last character to its first: the hash of
 * `a.evil.example` extends that of `evil.example`, so one pass over a name gives the hash of every parent.
 */

/** The hash of the empty string (FNV-1a offset basis, as a signed 32-bit integer). */
export const HASH_SEED = 0x811c9dc5 | 0;

/**
 * The hash of `c` followed by the text already hashed as `h` (FNV-1a, 32 bits). Signed, so that it stays a small
 * integer when passed between functions (an unsigned value above 2³¹ would be boxed on the heap at every call).
 */
export const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/** ASCII upper case to lower case; every other code unit as it is. */
export const foldCase = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Collects, for each key, the record numbers it names (added in ascending order, each once). */
export class StringTableBuilder {
  private readonly keys = new Map<string, number[]>();

  add(key: string, record: number): void {
    const list = this.keys.get(key);
    if (!list) this.keys.set(key, [record]);
    else if (list[list.length - 1] !== record) list.push(record);
  }

  build(): StringTable {
    return new StringTable(this.keys);
  }
}

export class StringTable {
  /** Keys held. */
  readonly size: number;
  /** Every key, one after another. */
  private readonly text: string;
  /** Key `k` is `text` from `ends[k − 1]` (0 for the first) to `ends[k]`. */
  private readonly ends: Uint32Array;
  private readonly hashes: Int32Array;
  /** Open addressing, linear probing: 1 + key number, 0 when free. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Key `k` names `records[first[k]]` up to `records[first[k + 1]]` (excluded). */
  readonly first: Uint32Array;
  readonly records: Uint32Array;

  constructor(keys: ReadonlyMap<string, readonly number[]>) {
    const n = keys.size;
    this.size = n;
    this.ends = new Uint32Array(n);
    this.hashes = new Int32Array(n);
    this.first = new Uint32Array(n + 1);
    let capacity = 8;
    while (capacity < n * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let total = 0;
    for (const list of keys.values()) total += list.length;
    this.records = new Uint32Array(total);
    const parts: string[] = [];
    let k = 0;
    let end = 0;
    let at = 0;
    for (const [key, list] of keys) {
      parts.push(key);
      end += key.length;
      this.ends[k] = end;
      this.first[k] = at;
      for (const r of list) this.records[at++] = r;
      const h = hashRange(key, 0, key.length, false);
      this.hashes[k] = h;
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = k + 1;
      k++;
    }
    this.first[n] = at;
    this.text = parts.join('');
  }

  /** The key numbered `k` (allocates: for reporting a match). */
  key(k: number): string {
    return this.text.slice(k === 0 ? 0 : this.ends[k - 1]!, this.ends[k]!);
  }

  /** The key equal to `s` from `start` to `end` (ASCII case folded when `fold`), or −1. */
  find(s: string, start: number, end: number, fold: boolean): number {
    return this.probe(hashRange(s, start, end, fold), s, start, end, fold);
  }

  /** {@link find} with the range's hash already computed (from {@link hashStep}, last character first). */
  probe(h: number, s: string, start: number, end: number, fold: boolean): number {
    if (this.size === 0) return -1;
    const len = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const taken = this.slots[slot]!;
      if (taken === 0) return -1;
      const k = taken - 1;
      if (this.hashes[k] !== h) continue;
      const from = k === 0 ? 0 : this.ends[k - 1]!;
      if (this.ends[k]! - from !== len) continue;
      let i = 0;
      if (fold) while (i < len && this.text.charCodeAt(from + i) === foldCase(s.charCodeAt(start + i))) i++;
      else while (i < len && this.text.charCodeAt(from + i) === s.charCodeAt(start + i)) i++;
      if (i === len) return k;
    }
  }
}

/** The hash of `s` from `start` to `end`, last character first. */
export function hashRange(s: string, start: number, end: number, fold: boolean): number {
  let h = HASH_SEED;
  for (let i = end - 1; i >= start; i--) h = hashStep(h, fold ? foldCase(s.charCodeAt(i)) : s.charCodeAt(i));
  return h;
}
