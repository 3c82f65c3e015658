/**
 * @module The indicators of every feed, indexed for matching one event at a time: addresses exactly and CIDRs by
 * longest prefix, domains with their parents (an indicator `evil.example` matches `a.b.evil.example`), URLs, and hex
 * digests (file hashes, JA3/JA3S). Pure; built once per refresh and then only read.
 */
import { parseIPv6 } from '../../shared/ip.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { normalizeUrl } from './observable.js';
import type { Indicator, Observable } from './types.js';

/** The event fields indicators are matched on, most specific first (an indicator matching twice names the first). */
export const MATCHED_FIELDS = [
  'query',
  'tls_sni',
  'http_host',
  'http_url',
  'ja3',
  'ja3s',
  'file_md5',
  'file_sha1',
  'file_sha256',
  'src_ip',
  'dst_ip',
] as const;
export type MatchedField = (typeof MATCHED_FIELDS)[number];

/** One indicator matching one event. */
export interface IntelHit {
  indicator: Indicator;
  /** The indicator's value that matched (a CIDR, a parent domain…). */
  value: string;
  field: MatchedField;
}

type Table = Map<string, Indicator[]>;

function add<K>(map: Map<K, Indicator[]>, key: K, ind: Indicator): void {
  const list = map.get(key);
  if (!list) map.set(key, [ind]);
  else if (!list.includes(ind)) list.push(ind);
}

/** Dotted-quad text to an unsigned 32-bit number; −1 when it is not one. */
function v4(ip: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return n * 256 + part;
}

const maskV4 = (n: number, bits: number): number => (bits === 0 ? 0 : (n - (n % 2 ** (32 - bits))) >>> 0);

/** The first `bits` bits of IPv6 groups as hex text (a map key). */
function prefixV6(groups: readonly number[], bits: number): string {
  let key = '';
  for (let g = 0; g < 8 && bits > 0; g++, bits -= 16) {
    const keep = Math.min(16, bits);
    key += ((groups[g]! >> (16 - keep)) << (16 - keep)).toString(16).padStart(4, '0');
  }
  return key;
}

export class IntelIndex {
  private readonly ips: Table = new Map();
  private readonly domains: Table = new Map();
  private readonly urls: Table = new Map();
  private readonly hashes: Table = new Map();
  /** IPv4 CIDRs of /16 and longer, by their first 16 bits: one lookup, then a short scan, longest prefix first. */
  private readonly narrow4 = new Map<
    number,
    { base: number; bits: number; text: string; list: Indicator[] }[]
  >();
  /** IPv4 CIDRs shorter than /16, by prefix length, longest first (few in practice). */
  private readonly cidr4: { bits: number; table: Map<number, Indicator[]>; text: Map<number, string> }[] = [];
  private readonly cidr6: { bits: number; table: Table; text: Map<string, string> }[] = [];
  /** Observables indexed. */
  readonly size: number;

  constructor(indicators: readonly Indicator[]) {
    let size = 0;
    for (const ind of indicators) {
      for (const o of ind.observables) {
        size++;
        this.addObservable(o, ind);
      }
    }
    this.size = size;
    this.cidr4.sort((a, b) => b.bits - a.bits);
    this.cidr6.sort((a, b) => b.bits - a.bits);
  }

  private addObservable(o: Observable, ind: Indicator): void {
    switch (o.type) {
      case 'ip':
        add(this.ips, o.value, ind);
        return;
      case 'domain':
        add(this.domains, o.value, ind);
        return;
      case 'url':
        add(this.urls, o.value, ind);
        return;
      case 'hash':
        add(this.hashes, o.value, ind);
        return;
      case 'cidr': {
        const [addr, bitsText] = o.value.split('/') as [string, string];
        const bits = Number(bitsText);
        const n = v4(addr);
        if (n >= 0 && bits >= 16) {
          const base = maskV4(n, bits);
          const top = Math.floor(base / 65_536);
          const bucket = this.narrow4.get(top) ?? [];
          const same = bucket.find((c) => c.base === base && c.bits === bits);
          if (same) {
            if (!same.list.includes(ind)) same.list.push(ind);
          } else {
            bucket.push({ base, bits, text: o.value, list: [ind] });
            bucket.sort((a, b) => b.bits - a.bits);
          }
          this.narrow4.set(top, bucket);
        } else if (n >= 0) {
          let level = this.cidr4.find((l) => l.bits === bits);
          if (!level) {
            level = { bits, table: new Map(), text: new Map() };
            this.cidr4.push(level);
          }
          add(level.table, maskV4(n, bits), ind);
          level.text.set(maskV4(n, bits), o.value);
        } else {
          const groups = parseIPv6(addr);
          if (!groups) return;
          let level = this.cidr6.find((l) => l.bits === bits);
          if (!level) {
            level = { bits, table: new Map(), text: new Map() };
            this.cidr6.push(level);
          }
          add(level.table, prefixV6(groups, bits), ind);
          level.text.set(prefixV6(groups, bits), o.value);
        }
      }
    }
  }

  /** The indicators an event matches (still valid at the event's time); null when none. */
  match(ev: NormalizedEvent): IntelHit[] | null {
    // the most specific evidence first: an indicator naming both a domain and an address is reported by its domain
    let hits: IntelHit[] | null = null;
    if (this.domains.size > 0) {
      if (ev.query !== undefined) hits = this.domain(ev, ev.query, 'query', hits);
      if (ev.tls_sni !== undefined) hits = this.domain(ev, ev.tls_sni, 'tls_sni', hits);
      if (ev.http_host !== undefined) hits = this.domain(ev, ev.http_host, 'http_host', hits);
    }
    if (ev.http_url !== undefined && this.urls.size > 0) {
      const url = normalizeUrl(
        ev.http_url.startsWith('/') && ev.http_host ? `${ev.http_host}${ev.http_url}` : ev.http_url,
      );
      if (url) hits = collect(ev, this.urls.get(url), url, 'http_url', hits);
    }
    if (this.hashes.size > 0) {
      // each field read by name: a loop over field names would make every read a generic keyed lookup
      if (ev.ja3 !== undefined) hits = this.digest(ev, ev.ja3, 'ja3', hits);
      if (ev.ja3s !== undefined) hits = this.digest(ev, ev.ja3s, 'ja3s', hits);
      if (ev.file_md5 !== undefined) hits = this.digest(ev, ev.file_md5, 'file_md5', hits);
      if (ev.file_sha1 !== undefined) hits = this.digest(ev, ev.file_sha1, 'file_sha1', hits);
      if (ev.file_sha256 !== undefined) hits = this.digest(ev, ev.file_sha256, 'file_sha256', hits);
    }
    hits = this.address(ev, ev.src_ip, 'src_ip', hits);
    if (ev.dst_ip !== undefined) hits = this.address(ev, ev.dst_ip, 'dst_ip', hits);
    return hits;
  }

  private digest(
    ev: NormalizedEvent,
    h: string,
    field: MatchedField,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    const key = h.toLowerCase();
    return collect(ev, this.hashes.get(key), key, field, hits);
  }

  /** An address: exactly, else by the longest CIDR prefix (the most specific says most about it). */
  private address(
    ev: NormalizedEvent,
    ip: string,
    field: MatchedField,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    const exact = this.ips.get(ip);
    if (exact) return collect(ev, exact, ip, field, hits);
    if (this.narrow4.size > 0 || this.cidr4.length > 0) {
      const n = v4(ip);
      if (n >= 0) {
        const bucket = this.narrow4.get(Math.floor(n / 65_536));
        if (bucket) {
          for (const c of bucket)
            if (maskV4(n, c.bits) === c.base) return collect(ev, c.list, c.text, field, hits);
        }
        for (const level of this.cidr4) {
          const key = maskV4(n, level.bits);
          const list = level.table.get(key);
          if (list) return collect(ev, list, level.text.get(key)!, field, hits);
        }
        return hits;
      }
    }
    if (this.cidr6.length > 0 && ip.includes(':')) {
      const groups = parseIPv6(ip);
      if (!groups) return hits;
      for (const level of this.cidr6) {
        const key = prefixV6(groups, level.bits);
        const list = level.table.get(key);
        if (list) return collect(ev, list, level.text.get(key)!, field, hits);
      }
    }
    return hits;
  }

  /** A name, else its nearest parent domain that an indicator names. */
  private domain(
    ev: NormalizedEvent,
    name: string,
    field: MatchedField,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    let d = name.toLowerCase();
    if (d.endsWith('.')) d = d.slice(0, -1);
    for (let at = 0; at >= 0; ) {
      const rest = at === 0 ? d : d.slice(at);
      const list = this.domains.get(rest);
      if (list) return collect(ev, list, rest, field, hits);
      const dot = d.indexOf('.', at);
      at = dot < 0 ? -1 : dot + 1;
    }
    return hits;
  }
}

/** Adds the indicators of `list` still valid at the event's time, each once per event. */
function collect(
  ev: NormalizedEvent,
  list: Indicator[] | undefined,
  value: string,
  field: MatchedField,
  hits: IntelHit[] | null,
): IntelHit[] | null {
  if (!list) return hits;
  let out = hits;
  for (const indicator of list) {
    if (indicator.validUntil !== undefined && ev.ts >= indicator.validUntil) continue;
    if (out?.some((h) => h.indicator === indicator)) continue;
    if (out === null) out = [];
    out.push({ indicator, value, field });
  }
  return out;
}
