/**
 * @module The indicators of every feed, indexed for matching one event at a time: addresses and CIDRs by longest
 * prefix, domains with their parents (an indicator `evil.example` matches `a.b.evil.example`), URLs, and hex digests
 * (file hashes, JA3/JA3S). The most specific value with an indicator still valid at the event's time is reported.
 * Flat (typed arrays and long strings, ./indicator-table.ts, ./string-table.ts, ./address-index.ts): 100k indicators
 * are a few dozen heap objects, and an event that matches nothing allocates nothing. Pure; built once per refresh.
 */
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { type AddressIndex, AddressIndexBuilder, parseV4Ordinal } from './address-index.js';
import { type IndicatorInfo, IndicatorTable } from './indicator-table.js';
import { normalizeUrl } from './observable.js';
import { foldCase, HASH_SEED, hashStep, type StringTable, StringTableBuilder } from './string-table.js';
import type { Indicator } from './types.js';
import { HOST_FOUND, NO_HOST, urlHostEnd, urlHostRange } from './url-host.js';

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
  indicator: IndicatorInfo;
  /** The indicator's value that matched (a CIDR, a parent domain…). */
  value: string;
  field: MatchedField;
  /** The indicator's number in this index (an event reports each indicator once). */
  record: number;
}

/** Parent domains of one name looked up at most (a name has at most 127 labels). */
const MAX_LABELS = 128;
/** Keys found for the name being matched, shortest first (matching is synchronous: one scratch serves all). */
const found = new Int32Array(MAX_LABELS);
const hostRange = new Int32Array(2);
const ordinal = new Int32Array(1);

export class IntelIndex {
  /** Values (observables) indexed. */
  readonly size: number;
  private readonly tables: readonly IndicatorTable[];
  /** Table `t`'s indicators are numbered from `tableFirst[t]`. */
  private readonly tableFirst: Uint32Array;
  /** Indicator `r` matches events before this time (epoch ms; +∞ when open-ended). */
  private readonly validUntil: Float64Array;
  private readonly domains: StringTable;
  private readonly urls: StringTable;
  /** The hosts of {@link urls}: an event's URL is normalized (which allocates) only when its host is one. */
  private readonly urlHosts: StringTable;
  private readonly hashes: StringTable;
  private readonly addresses: AddressIndex;

  /** Indexes indicators, or the tables feeds were loaded into (./indicator-table.ts; what a refresh keeps). */
  constructor(source: readonly Indicator[] | readonly IndicatorTable[]) {
    const tables =
      source[0] instanceof IndicatorTable
        ? (source as readonly IndicatorTable[])
        : [new IndicatorTable(source as readonly Indicator[])];
    this.tables = tables;
    this.tableFirst = new Uint32Array(tables.length);
    const domains = new StringTableBuilder();
    const urls = new StringTableBuilder();
    const urlHosts = new StringTableBuilder();
    const hashes = new StringTableBuilder();
    const addresses = new AddressIndexBuilder();
    let total = 0;
    let size = 0;
    for (let t = 0; t < tables.length; t++) {
      const base = total;
      this.tableFirst[t] = base;
      tables[t]!.eachValue((type, value, i) => {
        const r = base + i;
        if (type === 'ip' || type === 'cidr') addresses.add(value, r);
        else if (type === 'domain') domains.add(value, r);
        else if (type === 'hash') hashes.add(value, r);
        else {
          urls.add(value, r);
          const slash = value.indexOf('/');
          urlHosts.add(value.slice(0, urlHostEnd(value, 0, slash < 0 ? value.length : slash)), r);
        }
      });
      total += tables[t]!.count;
      size += tables[t]!.observables;
    }
    this.size = size;
    this.validUntil = new Float64Array(total);
    for (let t = 0; t < tables.length; t++) this.validUntil.set(tables[t]!.validUntil, this.tableFirst[t]);
    this.domains = domains.build();
    this.urls = urls.build();
    this.urlHosts = urlHosts.build();
    this.hashes = hashes.build();
    this.addresses = addresses.build();
  }

  /** The indicators an event matches (still valid at the event's time); null when none. */
  match(ev: NormalizedEvent): IntelHit[] | null {
    // the most specific evidence first: an indicator naming both a domain and an address is reported by its domain
    let hits: IntelHit[] | null = null;
    if (this.domains.size > 0) {
      if (ev.query !== undefined) hits = this.domain(ev.query, 'query', ev, hits);
      if (ev.tls_sni !== undefined) hits = this.domain(ev.tls_sni, 'tls_sni', ev, hits);
      if (ev.http_host !== undefined) hits = this.domain(ev.http_host, 'http_host', ev, hits);
    }
    if (ev.http_url !== undefined && this.urls.size > 0) hits = this.url(ev.http_url, ev.http_host, ev, hits);
    if (this.hashes.size > 0) {
      // each field read by name: a loop over field names would make every read a generic keyed lookup
      if (ev.ja3 !== undefined) hits = this.digest(ev.ja3, 'ja3', ev, hits);
      if (ev.ja3s !== undefined) hits = this.digest(ev.ja3s, 'ja3s', ev, hits);
      if (ev.file_md5 !== undefined) hits = this.digest(ev.file_md5, 'file_md5', ev, hits);
      if (ev.file_sha1 !== undefined) hits = this.digest(ev.file_sha1, 'file_sha1', ev, hits);
      if (ev.file_sha256 !== undefined) hits = this.digest(ev.file_sha256, 'file_sha256', ev, hits);
    }
    hits = this.address(ev.src_ip, 'src_ip', ev, hits);
    if (ev.dst_ip !== undefined) hits = this.address(ev.dst_ip, 'dst_ip', ev, hits);
    return hits;
  }

  private digest(
    h: string,
    field: MatchedField,
    ev: NormalizedEvent,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    const k = this.hashes.find(h, 0, h.length, true);
    if (k < 0 || !this.anyValid(this.hashes.records, this.hashes.first[k]!, this.hashes.first[k + 1]!, ev))
      return hits;
    return this.collect(this.hashes, k, this.hashes.key(k), field, ev, hits);
  }

  /** An address by the most specific of its prefixes (a /32 or /128 is the address) with a valid indicator. */
  private address(
    ip: string,
    field: MatchedField,
    ev: NormalizedEvent,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    const a = this.addresses;
    if (a.v4.count > 0) {
      if (parseV4Ordinal(ip, ordinal)) {
        for (let k = a.find4(ordinal[0]!); k >= 0; k = a.parent4[k]!)
          if (this.anyValid(a.v4.records, a.v4.first[k]!, a.v4.first[k + 1]!, ev))
            return this.collect(a.v4, k, a.v4.textOf(k), field, ev, hits);
        return hits;
      }
    }
    if (a.levels6 > 0 && ip.includes(':') && a.parse6(ip)) {
      for (let level = 0; level < a.levels6; level++) {
        const k = a.find6(level);
        if (k >= 0 && this.anyValid(a.v6.records, a.v6.first[k]!, a.v6.first[k + 1]!, ev))
          return this.collect(a.v6, k, a.v6.textOf(k), field, ev, hits);
      }
    }
    return hits;
  }

  /** A name, else its nearest parent domain, with a valid indicator: one pass from the last character, no copy. */
  private domain(
    name: string,
    field: MatchedField,
    ev: NormalizedEvent,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    let end = name.length;
    if (end > 0 && name.charCodeAt(end - 1) === 46) end--;
    let n = 0;
    let h = HASH_SEED;
    for (let i = end - 1; ; i--) {
      const c = i < 0 ? 46 : name.charCodeAt(i);
      if (c === 46 && i + 1 < end) {
        // the hash so far is that of the suffix after this dot
        const k = this.domains.probe(h, name, i + 1, end, true);
        if (k >= 0) found[n++ % MAX_LABELS] = k;
      }
      if (i < 0) break;
      h = hashStep(h, foldCase(c));
    }
    const d = this.domains;
    for (let j = n - 1; j >= 0 && j >= n - MAX_LABELS; j--) {
      const k = found[j % MAX_LABELS]!;
      if (this.anyValid(d.records, d.first[k]!, d.first[k + 1]!, ev))
        return this.collect(d, k, d.key(k), field, ev, hits);
    }
    return hits;
  }

  /** A URL (a logged path joined to its host, or absolute), normalized only when its host names an indicator's URL. */
  private url(
    url: string,
    host: string | undefined,
    ev: NormalizedEvent,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    const relative = url.startsWith('/') && !!host;
    const text = relative ? host! : url;
    const shape = urlHostRange(text, relative, hostRange);
    if (shape === NO_HOST) return hits;
    if (shape === HOST_FOUND && this.urlHosts.find(text, hostRange[0]!, hostRange[1]!, true) < 0) return hits;
    const normalized = normalizeUrl(relative ? `${host}${url}` : url);
    const k = normalized === undefined ? -1 : this.urls.find(normalized, 0, normalized.length, false);
    if (k < 0 || !this.anyValid(this.urls.records, this.urls.first[k]!, this.urls.first[k + 1]!, ev))
      return hits;
    return this.collect(this.urls, k, normalized!, 'http_url', ev, hits);
  }

  /** Whether a record of `records[from, to)` is valid at the event's time (the event passed, not its time: no boxing). */
  private anyValid(records: Uint32Array, from: number, to: number, ev: NormalizedEvent): boolean {
    const ts = ev.ts;
    for (let i = from; i < to; i++) if (ts < this.validUntil[records[i]!]!) return true;
    return false;
  }

  /** Adds the indicators of key `k` still valid at the event's time, each once per event. */
  private collect(
    where: { records: Uint32Array; first: Uint32Array },
    k: number,
    value: string,
    field: MatchedField,
    ev: NormalizedEvent,
    hits: IntelHit[] | null,
  ): IntelHit[] | null {
    const ts = ev.ts;
    let out = hits;
    for (let i = where.first[k]!; i < where.first[k + 1]!; i++) {
      const record = where.records[i]!;
      if (ts >= this.validUntil[record]!) continue;
      if (out?.some((h) => h.record === record)) continue;
      if (out === null) out = [];
      out.push({ indicator: this.info(record), value, field, record });
    }
    return out;
  }

  /** What the feed says of indicator `record`. */
  private info(record: number): IndicatorInfo {
    let t = this.tables.length - 1;
    while (this.tableFirst[t]! > record) t--;
    return this.tables[t]!.info(record - this.tableFirst[t]!);
  }
}
