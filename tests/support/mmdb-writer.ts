/**
 * @module A small MaxMind DB writer (format 2.0, IPv6 tree with IPv4 under ::/96, 24- or 28-bit records), so tests
 * and benchmarks make the databases they read instead of shipping one. It writes what the format specification
 * describes: the search tree, the 16-byte separator, the data section (maps, strings, unsigned integers, doubles,
 * booleans, arrays) and the metadata after `\xAB\xCD\xEFMaxMind.com`.
 */
import { isIPv4, parseIPv6 } from '../../shared/ip.js';

export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue };

export interface MmdbNetwork {
  /** `203.0.113.0/24`, `2001:db8::/32`. */
  cidr: string;
  data: { [key: string]: MmdbValue };
}

export interface MmdbOptions {
  databaseType: string;
  networks: readonly MmdbNetwork[];
  description?: string;
  /** Build time, epoch seconds. @default 1_700_000_000 */
  buildEpoch?: number;
}

/** A trie node: each side is another node, a data index (leaf), or null (no data). */
interface Node {
  l: Node | number | null;
  r: Node | number | null;
}

/** The 128 bits of an address of a CIDR, IPv4 placed under ::/96 as the format wants. */
function bitsOf(cidr: string): { bits: number[]; len: number } {
  const [addr = '', lenText = ''] = cidr.split('/');
  const groups = isIPv4(addr)
    ? [
        0,
        0,
        0,
        0,
        0,
        0,
        ...addr.split('.').reduce<number[]>((g, o, i) => {
          if (i % 2 === 0) g.push(Number(o) << 8);
          else g[g.length - 1]! |= Number(o);
          return g;
        }, []),
      ]
    : parseIPv6(addr);
  if (!groups) throw new RangeError(`not an address: ${cidr}`);
  const len = Number(lenText) + (isIPv4(addr) ? 96 : 0);
  const bits: number[] = [];
  for (const g of groups) for (let b = 15; b >= 0; b--) bits.push((g >> b) & 1);
  return { bits, len };
}

function insert(root: Node, bits: number[], len: number, leaf: number): void {
  let node = root;
  for (let depth = 0; depth < len - 1; depth++) {
    const side = bits[depth] ? 'r' : 'l';
    const child = node[side];
    if (typeof child === 'object' && child !== null) {
      node = child;
      continue;
    }
    // a leaf of a shorter prefix covers both halves below it
    const next: Node = { l: child, r: child };
    node[side] = next;
    node = next;
  }
  node[bits[len - 1] ? 'r' : 'l'] = leaf;
}

class DataWriter {
  private readonly parts: Buffer[] = [];
  size = 0;

  write(v: MmdbValue): number {
    const at = this.size;
    this.value(v);
    return at;
  }

  private push(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
  }

  private control(type: number, size: number): void {
    const head: number[] = [];
    const ext = type > 7;
    let sizeBits: number;
    const more: number[] = [];
    if (size < 29) sizeBits = size;
    else if (size < 285) {
      sizeBits = 29;
      more.push(size - 29);
    } else if (size < 65_821) {
      sizeBits = 30;
      const s = size - 285;
      more.push(s >> 8, s & 0xff);
    } else {
      sizeBits = 31;
      const s = size - 65_821;
      more.push((s >> 16) & 0xff, (s >> 8) & 0xff, s & 0xff);
    }
    head.push(((ext ? 0 : type) << 5) | sizeBits);
    if (ext) head.push(type - 7);
    this.push(Buffer.from([...head, ...more]));
  }

  private value(v: MmdbValue): void {
    if (typeof v === 'string') {
      const b = Buffer.from(v, 'utf8');
      this.control(2, b.length);
      this.push(b);
    } else if (typeof v === 'boolean') {
      this.control(14, v ? 1 : 0);
    } else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff) {
      const bytes: number[] = [];
      for (let x = v; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
      this.control(6, bytes.length);
      this.push(Buffer.from(bytes));
    } else if (typeof v === 'number') {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v);
      this.control(3, 8);
      this.push(b);
    } else if (Array.isArray(v)) {
      this.control(11, v.length);
      for (const x of v) this.value(x);
    } else {
      const entries = Object.entries(v);
      this.control(7, entries.length);
      for (const [k, x] of entries) {
        this.value(k);
        this.value(x);
      }
    }
  }

  buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Writes a database; later networks win where they overlap earlier, more specific ones win over broader. */
export function writeMmdb(opts: MmdbOptions): Buffer {
  const data = new DataWriter();
  const offsets: number[] = [];
  const root: Node = { l: null, r: null };
  const sorted = [...opts.networks].map((n, i) => ({ ...bitsOf(n.cidr), i })).sort((a, b) => a.len - b.len);
  for (const n of opts.networks) offsets.push(data.write(n.data));
  for (const n of sorted) insert(root, n.bits, n.len, n.i);
  // number the nodes breadth first
  const nodes: Node[] = [root];
  for (let i = 0; i < nodes.length; i++) {
    for (const child of [nodes[i]!.l, nodes[i]!.r])
      if (typeof child === 'object' && child !== null) nodes.push(child);
  }
  const index = new Map(nodes.map((n, i) => [n, i]));
  const count = nodes.length;
  const dataBuf = data.buffer();
  const recordBits = count + 16 + dataBuf.length < 2 ** 24 ? 24 : 28;
  const nodeBytes = (recordBits * 2) / 8;
  const tree = Buffer.alloc(count * nodeBytes);
  const recordOf = (c: Node | number | null): number =>
    c === null ? count : typeof c === 'number' ? count + 16 + offsets[c]! : index.get(c)!;
  nodes.forEach((n, i) => {
    const l = recordOf(n.l);
    const r = recordOf(n.r);
    const o = i * nodeBytes;
    if (recordBits === 24) {
      tree.writeUIntBE(l, o, 3);
      tree.writeUIntBE(r, o + 3, 3);
    } else {
      tree.writeUIntBE(l & 0xffffff, o, 3);
      tree[o + 3] = (((l >>> 24) & 0x0f) << 4) | ((r >>> 24) & 0x0f);
      tree.writeUIntBE(r & 0xffffff, o + 4, 3);
    }
  });
  const meta = new DataWriter();
  meta.write({
    node_count: count,
    record_size: recordBits,
    ip_version: 6,
    database_type: opts.databaseType,
    languages: ['en'],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: opts.buildEpoch ?? 1_700_000_000,
    description: { en: opts.description ?? `${opts.databaseType} written by a test` },
  });
  return Buffer.concat([
    tree,
    Buffer.alloc(16),
    dataBuf,
    Buffer.from([0xab, 0xcd, 0xef]),
    Buffer.from('MaxMind.com', 'ascii'),
    meta.buffer(),
  ]);
}

/** A GeoLite2-Country-style record. */
export const countryRecord = (iso: string, name = iso): MmdbNetwork['data'] => ({
  country: { iso_code: iso, names: { en: name } },
});

/** A GeoLite2-ASN-style record. */
export const asnRecord = (asn: number, org: string): MmdbNetwork['data'] => ({
  autonomous_system_number: asn,
  autonomous_system_organization: org,
});
