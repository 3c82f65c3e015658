/**
 * @module Addresses and CIDRs for longest-prefix lookups that allocate nothing. IPv4: every address (a /32) and
 * CIDR is a node; the address space is cut into ranges, each owned by the most specific node covering it, so a
 * binary search over a sorted Int32Array (within the address's /16 block, found by one read) finds it, and each
 * node knows its parent (the next shorter prefix covering it). IPv6: per prefix length (an address is a /128), the
 * prefixes as sorted 32-bit words, longest first. A node names a run of records; the caller walks from the most
 * specific node to its parents.
 */

/**
 * Parses dotted-quad text from `start` to `end` into `out[0]` as a signed 32-bit integer in address order (the
 * address − 2³¹): a small integer, never boxed on the heap between calls. False when it is not an address.
 * Allocates nothing.
 */
export function parseV4Ordinal(s: string, out: Int32Array, start = 0, end = s.length): boolean {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || dots === 3) return false;
      n = (n << 8) | part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return false;
  }
  if (dots !== 3 || digits === 0 || part > 255) return false;
  out[0] = ((n << 8) | part) ^ 0x80000000;
  return true;
}

const quad = new Int32Array(1);

/** Dotted-quad text as an unsigned 32-bit number; −1 when it is not one. */
export function parseV4(s: string, start = 0, end = s.length): number {
  return parseV4Ordinal(s, quad, start, end) ? quad[0]! + 2 ** 31 : -1;
}

const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

const groups = new Uint16Array(8);

/**
 * Parses IPv6 text (`::` shortening, a trailing dotted quad, a `%zone` ignored) into four 32-bit words written to
 * `out`; false when it is not an address. Allocates nothing.
 */
export function parseV6(s: string, out: Uint32Array): boolean {
  let end = s.indexOf('%');
  if (end < 0) end = s.length;
  if (end < 2 || end > 45) return false;
  let n = 0;
  let gap = -1;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < end) {
    let v = 0;
    let j = i;
    for (let d = hexValue(s.charCodeAt(j)); j < end && d >= 0; d = hexValue(s.charCodeAt(++j)))
      v = v * 16 + d;
    if (j < end && s.charCodeAt(j) === 46) {
      if (n > 6 || !parseV4Ordinal(s, quad, i, end)) return false;
      const v4 = quad[0]! ^ 0x80000000;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      break;
    }
    if (j === i || j - i > 4 || n === 8) return false;
    groups[n++] = v;
    if (j === end) break;
    if (s.charCodeAt(j) !== 58) return false;
    if (s.charCodeAt(j + 1) === 58 && j + 1 < end) {
      if (gap >= 0) return false;
      gap = n;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  const zeros = 8 - n;
  for (let g = 0; g < 8; g += 2)
    out[g >> 1] = ((groupAt(g, gap, zeros) << 16) | groupAt(g + 1, gap, zeros)) >>> 0;
  return true;
}

function groupAt(g: number, gap: number, zeros: number): number {
  if (gap < 0 || g < gap) return groups[g]!;
  return g < gap + zeros ? 0 : groups[g - zeros]!;
}

/** The first `bits` bits of a 32-bit word `w` of a prefix starting at bit `from`. */
const maskWord = (w: number, from: number, bits: number): number => {
  const keep = Math.max(0, Math.min(32, bits - from));
  return keep === 0 ? 0 : keep === 32 ? w : (w & ~(0xffffffff >>> keep)) >>> 0;
};

/** Collects addresses and CIDRs with their record numbers (added in ascending order). */
export class AddressIndexBuilder {
  private readonly v4 = new Map<string, { base: number; bits: number; text: string; records: number[] }>();
  private readonly v6 = new Map<
    string,
    { words: Uint32Array; bits: number; text: string; records: number[] }
  >();

  /** Adds an address or CIDR in canonical text; false when it is neither. */
  add(text: string, record: number): boolean {
    const slash = text.indexOf('/');
    const addr = slash < 0 ? text : text.slice(0, slash);
    const n = parseV4(addr);
    const bits = slash < 0 ? (n >= 0 ? 32 : 128) : Number(text.slice(slash + 1));
    if (n >= 0 && Number.isInteger(bits) && bits >= 0 && bits <= 32) {
      const base = maskWord(n, 0, bits);
      const key = `${base}/${bits}`;
      const node = this.v4.get(key) ?? { base, bits, text, records: [] };
      if (node.records[node.records.length - 1] !== record) node.records.push(record);
      this.v4.set(key, node);
      return true;
    }
    const words = new Uint32Array(4);
    if (n >= 0 || !parseV6(addr, words) || !Number.isInteger(bits) || bits < 0 || bits > 128) return false;
    for (let w = 0; w < 4; w++) words[w] = maskWord(words[w]!, w * 32, bits);
    const key = `${words.join(':')}/${bits}`;
    const node = this.v6.get(key) ?? { words, bits, text, records: [] };
    if (node.records[node.records.length - 1] !== record) node.records.push(record);
    this.v6.set(key, node);
    return true;
  }

  build(): AddressIndex {
    return new AddressIndex([...this.v4.values()], [...this.v6.values()]);
  }
}

type Node = { text: string; records: number[] };

/** Nodes' texts and record runs, flat. */
class Nodes {
  readonly count: number;
  private readonly text: string;
  private readonly ends: Uint32Array;
  readonly first: Uint32Array;
  readonly records: Uint32Array;
  constructor(nodes: readonly Node[]) {
    this.count = nodes.length;
    this.text = nodes.map((x) => x.text).join('');
    this.ends = new Uint32Array(nodes.length);
    this.first = new Uint32Array(nodes.length + 1);
    this.records = new Uint32Array(nodes.reduce((t, x) => t + x.records.length, 0));
    let end = 0;
    let at = 0;
    nodes.forEach((x, k) => {
      end += x.text.length;
      this.ends[k] = end;
      this.first[k] = at;
      for (const r of x.records) this.records[at++] = r;
    });
    this.first[nodes.length] = at;
  }
  textOf(k: number): string {
    return this.text.slice(k === 0 ? 0 : this.ends[k - 1]!, this.ends[k]!);
  }
}

const scratch6 = new Uint32Array(4);

export class AddressIndex {
  readonly v4: Nodes;
  /** Node `k`'s next shorter covering prefix, or −1. */
  readonly parent4: Int32Array;
  /**
   * Range `r` starts at `rangeStart[r]` (up to the next range's start; addresses as ordinals, see
   * {@link parseV4Ordinal}) and is owned by node `rangeOwner[r]` (−1: none).
   */
  private readonly rangeStart: Int32Array;
  private readonly rangeOwner: Int32Array;
  /**
   * For each /16 block (the address's first 16 bits), the range holding its first address: a lookup reads one
   * entry and searches only the block's own ranges (usually none beyond the first).
   */
  private readonly blockRange: Int32Array;
  readonly v6: Nodes;
  /** IPv6 prefix lengths present, longest first; level `l`'s prefixes are v6 nodes `levelFirst[l]` up to `levelFirst[l + 1]`, sorted by words. */
  private readonly levelBits: Uint8Array;
  private readonly levelFirst: Uint32Array;
  private readonly words6: Uint32Array;

  constructor(
    v4: readonly { base: number; bits: number; text: string; records: number[] }[],
    v6: readonly { words: Uint32Array; bits: number; text: string; records: number[] }[],
  ) {
    // IPv4: sorted by start, wider first, so that a node's covering prefixes are on the stack when it comes
    const sorted = v4.slice().sort((a, b) => a.base - b.base || a.bits - b.bits);
    this.v4 = new Nodes(sorted);
    this.parent4 = new Int32Array(sorted.length);
    const starts: number[] = [];
    const owners: number[] = [];
    const last = (k: number) => sorted[k]!.base + 2 ** (32 - sorted[k]!.bits) - 1;
    const open: number[] = [];
    let cursor = 0;
    const emit = (start: number, owner: number) => {
      if (owners.length > 0 && owners[owners.length - 1] === owner) return;
      starts.push(start);
      owners.push(owner);
    };
    /** Ranges up to `pos` (excluded), closing the prefixes that end before it. */
    const until = (pos: number) => {
      while (open.length > 0 && last(open[open.length - 1]!) < pos) {
        const top = open.pop()!;
        if (cursor <= last(top)) {
          emit(cursor, top);
          cursor = last(top) + 1;
        }
      }
      if (cursor < pos) {
        emit(cursor, open.length > 0 ? open[open.length - 1]! : -1);
        cursor = pos;
      }
    };
    sorted.forEach((node, k) => {
      until(node.base);
      this.parent4[k] = open.length > 0 ? open[open.length - 1]! : -1;
      open.push(k);
    });
    until(2 ** 32);
    this.rangeStart = Int32Array.from(starts, (x) => x - 2 ** 31);
    this.rangeOwner = Int32Array.from(owners);
    this.blockRange = new Int32Array(sorted.length > 0 ? 65_537 : 0);
    for (let b = 0, r = 0; b < this.blockRange.length - 1; b++) {
      const first = b * 65_536 - 2 ** 31;
      while (r + 1 < this.rangeStart.length && this.rangeStart[r + 1]! <= first) r++;
      this.blockRange[b] = r;
    }
    if (sorted.length > 0) this.blockRange[65_536] = this.rangeStart.length - 1;
    // IPv6: longest prefix length first, then by words
    const cmp = (a: Uint32Array, b: Uint32Array) =>
      a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]! || a[3]! - b[3]!;
    const sorted6 = v6.slice().sort((a, b) => b.bits - a.bits || cmp(a.words, b.words));
    this.v6 = new Nodes(sorted6);
    this.words6 = new Uint32Array(sorted6.length * 4);
    for (let k = 0; k < sorted6.length; k++) this.words6.set(sorted6[k]!.words, k * 4);
    const bits: number[] = [];
    const firsts: number[] = [];
    sorted6.forEach((x, k) => {
      if (bits[bits.length - 1] !== x.bits) {
        bits.push(x.bits);
        firsts.push(k);
      }
    });
    firsts.push(sorted6.length);
    this.levelBits = Uint8Array.from(bits);
    this.levelFirst = Uint32Array.from(firsts);
  }

  /** The most specific IPv4 node covering address ordinal `n` (from {@link parseV4Ordinal}), or −1. */
  find4(n: number): number {
    if (this.v4.count === 0) return -1;
    const block = (n >>> 16) ^ 0x8000;
    let lo = this.blockRange[block]!;
    let hi = this.blockRange[block + 1]!;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rangeStart[mid]! <= n) lo = mid;
      else hi = mid - 1;
    }
    return this.rangeStart[lo]! <= n ? this.rangeOwner[lo]! : -1;
  }

  /** IPv6 prefix lengths held. */
  get levels6(): number {
    return this.levelBits.length;
  }

  /** Parses `ip` for {@link find6}; false when it is no IPv6 address. */
  parse6(ip: string): boolean {
    return parseV6(ip, scratch6);
  }

  /** The IPv6 node of level `level` covering the address last given to {@link parse6}, or −1. */
  find6(level: number): number {
    const bits = this.levelBits[level]!;
    const w0 = maskWord(scratch6[0]!, 0, bits);
    const w1 = maskWord(scratch6[1]!, 32, bits);
    const w2 = maskWord(scratch6[2]!, 64, bits);
    const w3 = maskWord(scratch6[3]!, 96, bits);
    let lo = this.levelFirst[level]!;
    let hi = this.levelFirst[level + 1]! - 1;
    const w = this.words6;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = mid * 4;
      const d = w[at]! - w0 || w[at + 1]! - w1 || w[at + 2]! - w2 || w[at + 3]! - w3;
      if (d === 0) return mid;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
