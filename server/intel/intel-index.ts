/**
 * @module The indicators of every feed, indexed for matching one event at a time: addresses exactly and CIDRs by
 * longest prefix, domains with their parents (an indicator `evil.example` matches `a.b.evil.example`), URLs, and hex
 * digests (file hashes, JA3/JA3S). Pure; built once per refresh and then only read.
 */
import { parseIPv6 } from '../../shared/ip.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { normalizeUrl } from './observable.js';
import type { Indicator, Observable } from './types.js';

/** The event fields indicators are matched on, in the order a reason names them. */
export const MATCHED_FIELDS = [
  'src_ip',
  'dst_ip',
  'query',
  'tls_sni',
  'http_host',
  'http_url',
  'ja3',
  'ja3s',
  'file_md5',
  'file_sha1',
  'file_sha256',
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
  /** IPv4 CIDRs by prefix length, longest first. */
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
        return add(this.ips, o.value, ind);
      case 'domain':
        return add(this.domains, o.value, ind);
      case 'url':
        return add(this.urls, o.value, ind);
      case 'hash':
        return add(this.hashes, o.value, ind);
      case 'cidr': {
        const [addr, bitsText] = o.value.split('/') as [string, string];
        const bits = Number(bitsText);
        const n = v4(addr);
        if (n >= 0) {
          let level = this.cidr4.find((l) => l.bits === bits);
          if (!level) this.cidr4.push((level = { bits, table: new Map(), text: new Map() }));
          add(level.table, maskV4(n, bits), ind);
          level.text.set(maskV4(n, bits), o.value);
        } else {
          const groups = parseIPv6(addr);
          if (!groups) return;
          let level = this.cidr6.find((l) => l.bits === bits);
          if (!level) this.cidr6.push((level = { bits, table: new Map(), text: new Map() }));
          add(level.table, prefixV6(groups, bits), ind);
          level.text.set(prefixV6(groups, bits), o.value);
        }
      }
    }
  }

  /** The indicators an event matches (still valid at the event's time); null when none. */
  match(ev: NormalizedEvent): IntelHit[] | null {
    let hits: IntelHit[] | null = null;
    const push = (list: Indicator[] | undefined, value: string, field: MatchedField) => {
      if (!list) return;
      for (const indicator of list) {
        if (indicator.validUntil !== undefined && ev.ts >= indicator.validUntil) continue;
        if (hits?.some((h) => h.indicator === indicator)) continue;
        (hits ??= []).push({ indicator, value, field });
      }
    };
    this.address(ev.src_ip, 'src_ip', push);
    if (ev.dst_ip !== undefined) this.address(ev.dst_ip, 'dst_ip', push);
    if (this.domains.size > 0) {
      if (ev.query !== undefined) this.domain(ev.query, 'query', push);
      if (ev.tls_sni !== undefined) this.domain(ev.tls_sni, 'tls_sni', push);
      if (ev.http_host !== undefined) this.domain(ev.http_host, 'http_host', push);
    }
    if (ev.http_url !== undefined && this.urls.size > 0) {
      const url = normalizeUrl(
        ev.http_url.startsWith('/') && ev.http_host ? `${ev.http_host}${ev.http_url}` : ev.http_url,
      );
      if (url) push(this.urls.get(url), url, 'http_url');
    }
    if (this.hashes.size > 0) {
      for (const field of ['ja3', 'ja3s', 'file_md5', 'file_sha1', 'file_sha256'] as const) {
        const h = ev[field];
        if (h !== undefined) {
          const key = h.toLowerCase();
          push(this.hashes.get(key), key, field);
        }
      }
    }
    return hits;
  }

  private address(
    ip: string,
    field: MatchedField,
    push: (list: Indicator[] | undefined, value: string, field: MatchedField) => void,
  ): void {
    const exact = this.ips.get(ip);
    if (exact) return push(exact, ip, field);
    if (this.cidr4.length > 0) {
      const n = v4(ip);
      if (n >= 0) {
        // longest prefix first: the most specific CIDR is the one that says most about this address
        for (const level of this.cidr4) {
          const key = maskV4(n, level.bits);
          const list = level.table.get(key);
          if (list) return push(list, level.text.get(key)!, field);
        }
        return;
      }
    }
    if (this.cidr6.length > 0 && ip.includes(':')) {
      const groups = parseIPv6(ip);
      if (!groups) return;
      for (const level of this.cidr6) {
        const key = prefixV6(groups, level.bits);
        const list = level.table.get(key);
        if (list) return push(list, level.text.get(key)!, field);
      }
    }
  }

  /** A name and its parent domains, the most specific first. */
  private domain(
    name: string,
    field: MatchedField,
    push: (list: Indicator[] | undefined, value: string, field: MatchedField) => void,
  ): void {
    let d = name.toLowerCase();
    if (d.endsWith('.')) d = d.slice(0, -1);
    for (let at = 0; at >= 0; ) {
      const rest = at === 0 ? d : d.slice(at);
      const list = this.domains.get(rest);
      if (list) return push(list, rest, field);
      const dot = d.indexOf('.', at);
      at = dot < 0 ? -1 : dot + 1;
    }
  }
}
