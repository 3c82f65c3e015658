/**
 * @module Country and autonomous system of an external address, from MaxMind-format databases (GeoLite2/GeoIP2
 * Country or City and ASN, DB-IP lite, IPinfo, ip-location-db layouts) read with mmdb-lib over buffers already in
 * memory. Pure: no I/O (./geo-databases.ts reads the files). Answers are cached per address in two generations, so
 * the ingest path pays a map lookup for the addresses a network keeps talking to.
 */
import { Reader, type Response } from 'mmdb-lib';
import { COUNTRY_CODE, type Geo, MAX_AS_ORG } from '../../shared/schemas/geo.js';
import { isLocalAddress } from '../scoring/evidence.js';

/** Addresses whose answer is cached (two generations of half each). @default 65536 */
export const GEO_CACHE = 65_536;
/** Decoded database records kept by mmdb-lib (records are shared by many networks). */
const RECORD_CACHE = 16_384;

/** What a loaded database is. */
export interface GeoDatabaseInfo {
  /** `WF_GEOIP_DB` or `WF_ASN_DB`. */
  role: 'country' | 'asn';
  /** The database's own type (`GeoLite2-Country`, `GeoLite2-ASN`, `DBIP-Country-Lite`…). */
  type: string;
  /** When it was built, epoch ms. */
  builtAt: number;
  /** Networks in its search tree (nodes). */
  nodes: number;
}

export interface GeoLookupOptions {
  /** A country (or city) database. */
  country?: Buffer;
  /** An autonomous-system database. */
  asn?: Buffer;
  /** Addresses cached. @default {@link GEO_CACHE} */
  cacheSize?: number;
}

/** A bounded cache for mmdb-lib's decoded records: it stops keeping new ones once full (a database has few). */
function recordCache(): { get(k: string | number): unknown; set(k: string | number, v: unknown): void } {
  const m = new Map<string | number, unknown>();
  return {
    get: (k) => m.get(k),
    set: (k, v) => {
      if (m.size < RECORD_CACHE) m.set(k, v);
    },
  };
}

type RecordLike = Record<string, unknown>;
const obj = (v: unknown): RecordLike | undefined =>
  v !== null && typeof v === 'object' ? (v as RecordLike) : undefined;

/** The country of a record: GeoIP2/DB-IP `country.iso_code` (else `registered_country`), `country_code`, IPinfo `country`. */
export function countryOf(rec: RecordLike): string | undefined {
  const code =
    obj(rec.country)?.iso_code ?? obj(rec.registered_country)?.iso_code ?? rec.country_code ?? rec.country;
  if (typeof code !== 'string') return undefined;
  const upper = code.toUpperCase();
  return COUNTRY_CODE.test(upper) ? upper : undefined;
}

/** The AS of a record: GeoLite2/DB-IP `autonomous_system_number` and `_organization`, IPinfo `asn` ("AS123") and `as_name`. */
export function asOf(rec: RecordLike): Pick<Geo, 'asn' | 'org'> {
  const out: Pick<Geo, 'asn' | 'org'> = {};
  const raw = rec.autonomous_system_number ?? rec.asn;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/^AS/i, '')) : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff) out.asn = n;
  const org = rec.autonomous_system_organization ?? rec.as_name ?? rec.as_org;
  if (typeof org === 'string' && org.trim() !== '') out.org = org.trim().slice(0, MAX_AS_ORG);
  return out;
}

/** Reads what a database says of one address into `out`. */
function read(reader: Reader<Response> | null, ip: string, role: 'country' | 'asn', out: Geo): void {
  if (!reader) return;
  const rec = reader.get(ip) as RecordLike | null;
  if (!rec) return;
  if (role === 'country' || out.country === undefined) {
    const country = countryOf(rec);
    if (country) out.country = country;
  }
  // a combined database (IPinfo's country_asn) also names the AS; the ASN database, when given, has the last word
  const as = asOf(rec);
  if (as.asn !== undefined && (role === 'asn' || out.asn === undefined)) {
    out.asn = as.asn;
    if (as.org) out.org = as.org;
    else delete out.org;
  }
}

export class GeoLookup {
  private readonly country: Reader<Response> | null;
  private readonly asn: Reader<Response> | null;
  private cur = new Map<string, Geo | null>();
  private prev = new Map<string, Geo | null>();
  private readonly half: number;
  /** Lookups answered from the cache, and from the databases. */
  hits = 0;
  misses = 0;

  /** Throws when a buffer is not a MaxMind DB (the message says why). */
  constructor(opts: GeoLookupOptions) {
    this.country = opts.country ? new Reader(opts.country, { cache: recordCache() }) : null;
    this.asn = opts.asn ? new Reader(opts.asn, { cache: recordCache() }) : null;
    this.half = Math.max(1, Math.floor((opts.cacheSize ?? GEO_CACHE) / 2));
  }

  /** What is loaded. */
  get databases(): GeoDatabaseInfo[] {
    const info = (role: GeoDatabaseInfo['role'], r: Reader<Response> | null): GeoDatabaseInfo[] =>
      r
        ? [
            {
              role,
              type: r.metadata.databaseType,
              builtAt: r.metadata.buildEpoch.getTime(),
              nodes: r.metadata.nodeCount,
            },
          ]
        : [];
    return [...info('country', this.country), ...info('asn', this.asn)];
  }

  /**
   * Country and AS of a public address; null for local, private and special addresses (never looked up) and for
   * addresses the databases do not know. The answer is shared: callers must not change it.
   */
  lookup(ip: string): Geo | null {
    let g = this.cur.get(ip);
    if (g !== undefined) {
      this.hits++;
      return g;
    }
    g = this.prev.get(ip);
    if (g === undefined) {
      this.misses++;
      g = this.resolve(ip);
    } else this.hits++;
    this.cur.set(ip, g);
    if (this.cur.size >= this.half) {
      this.prev = this.cur;
      this.cur = new Map();
    }
    return g;
  }

  private resolve(ip: string): Geo | null {
    if (isLocalAddress(ip)) return null;
    const out: Geo = {};
    try {
      read(this.country, ip, 'country', out);
      read(this.asn, ip, 'asn', out);
    } catch {
      // a damaged record reads as unknown: enrichment never stops an event
      return null;
    }
    return out.country === undefined && out.asn === undefined ? null : Object.freeze(out);
  }
}
