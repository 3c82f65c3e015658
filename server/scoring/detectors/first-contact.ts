/**
 * @module First contact: a host or segment talking to a country or an autonomous system it has not talked to in its
 * baseline period (flows whose destination the geo databases, `WF_GEOIP_DB` and `WF_ASN_DB`, place: the detector asks
 * them, cached, once per flow). Weighted by volume: a bare first contact is weak evidence, megabytes sent to or fetched from
 * infrastructure nobody in the segment has used are strong. Each entity remembers the countries and ASes it talked
 * to (first and last seen, event time) for {@link FirstContactOptions.forgetMs}; nothing is new to it before it has
 * learnt for {@link FirstContactOptions.baselineMs}. A host's contact that was also its segment's first (the segment's
 * memory, read as the peer state and keyed by event time) counts most.
 *
 * Contribution of a contact: `cap · (1 − e^−(bytes + 1 MB)/5 MB)`, bytes (out and in) since the contact, halving every
 * 10 minutes, the whole halving over the hour the contact is evidence for; cap {@link CAP_SEGMENT_NEW} when the segment had not talked to it either, {@link CAP_HOST_NEW} when only
 * the host had not, {@link CAP_SEGMENT} on the segment's own reasons. Never an alert alone.
 */
import type { Geo } from '../../../shared/schemas/geo.js';
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import {
  addDecaying,
  type Decaying,
  decayedValue,
  keepRef,
  newDecaying,
  type Recent,
  reason,
  round2,
  touchList,
} from '../evidence.js';
import { destinationOf, type GeoSource } from '../geo-places.js';
import type { Detector, EntityType, EvaluateContext } from '../types.js';

/** Points at most of a host's contact that was its segment's first too. */
export const CAP_SEGMENT_NEW = 40;
/** Points at most of a host's contact new to it but known to its segment. */
export const CAP_HOST_NEW = 15;
/** Points at most of a segment's own first contact (its hosts carry the rest: the two combine on screens). */
export const CAP_SEGMENT = 15;
/** Volume at which a contact gives 63 % of its cap, bytes. */
const SCALE = 5_000_000;
/** What the contact itself weighs, as bytes (so a bare first contact new to the segment gives about 7 points). */
const CONTACT_BYTES = 1_000_000;
const HALF_LIFE = 600_000;
/** A contact is evidence for at most this long after it was made. */
const WINDOW = 3_600_000;
/** Contacts watched per entity (the least recently used go first). */
const NEWS = 8;
/** Countries and ASes remembered: a segment, a host. */
const KNOWN_SEGMENT = 4096;
const KNOWN_HOST = 256;

/** A country or AS first contacted after the baseline. */
interface Contact extends Recent {
  /** `country=EE` or `as=AS3249` (the feature's suffix). */
  label: string;
  country?: string;
  asn?: number;
  org?: string;
  /** The destination of its latest flow. */
  ip: string;
  first: number;
  bytes: Decaying;
  /** Whether it was the segment's first contact too (hosts: settled at the first evaluation). */
  segmentNew: boolean;
  checked: boolean;
  refs: string[];
  said: Reason | null;
}

export interface FirstContactState {
  segment: boolean;
  /** Event time of the first placed flow; -1 before. */
  since: number;
  /** Country code or `AS<n>` → when first and last seen (event time); null until its first placed flow. */
  first: Record<string, number> | null;
  last: Record<string, number> | null;
  size: number;
  news: Contact[];
}

export interface FirstContactOptions {
  /** Where addresses are (the geo databases); the detector places each flow's destination itself. @default none */
  geo?: GeoSource | null;
  /** Event time an entity learns before a country or AS can be new to it. @default 3_600_000 (1 h) */
  baselineMs?: number;
  /** A country or AS not talked to for this long is forgotten (new again). @default 604_800_000 (7 days) */
  forgetMs?: number;
}

const pointsOf = (cap: number, bytes: number) => cap * (1 - Math.exp(-(bytes + CONTACT_BYTES) / SCALE));

function learn(s: FirstContactState, key: string, at: number, cap: number, forgetMs: number): boolean {
  // made at the first placed flow (most hosts' flows stay inside the network)
  s.first ??= Object.create(null) as Record<string, number>;
  s.last ??= Object.create(null) as Record<string, number>;
  const { first, last } = s;
  const seen = last[key];
  if (seen !== undefined) {
    // last seen to the minute: forgetting is by days, and a write per flow is what the ingest path would pay
    if (at > seen + 60_000) last[key] = at;
    return false;
  }
  first[key] = at;
  last[key] = at;
  if (++s.size > cap) forget(first, last, s, at, forgetMs, cap);
  return true;
}

/** Drops what was not talked to within `forgetMs`, then, if still full, the least recently seen half. */
function forget(
  first: Record<string, number>,
  last: Record<string, number>,
  s: FirstContactState,
  now: number,
  forgetMs: number,
  cap: number,
): void {
  let keys = Object.keys(last);
  for (const k of keys) {
    if (last[k]! < now - forgetMs) {
      delete first[k];
      delete last[k];
    }
  }
  keys = Object.keys(last);
  if (keys.length > cap) {
    keys.sort((a, b) => last[a]! - last[b]!);
    for (const k of keys.slice(0, keys.length - Math.floor(cap / 2))) {
      delete first[k];
      delete last[k];
    }
  }
  s.size = Object.keys(last).length;
}

export function firstContactDetector(opts: FirstContactOptions = {}): Detector<FirstContactState> {
  const baseline = opts.baselineMs ?? 3_600_000;
  const forgetMs = opts.forgetMs ?? 7 * 86_400_000;
  const warm = (s: Pick<FirstContactState, 'since'>, at: number) => s.since >= 0 && at - s.since >= baseline;
  const source = opts.geo ?? null;
  // The same event reaches the segment's state and then its host's: it is placed once.
  let placed: NormalizedEvent | null = null;
  let place: Geo | null = null;
  let asKey: string | undefined;
  return {
    id: 'first-contact',
    entities: ['host', 'segment'],
    kinds: ['flow'],
    fadesOnly: true,
    init: (type: EntityType) => ({
      segment: type === 'segment',
      since: -1,
      first: null,
      last: null,
      size: 0,
      news: [],
    }),
    peers(s, visit) {
      for (const c of s.news) visit(c.ip, c.last);
    },
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'flow' || ev.dst_ip === undefined) return;
      if (ev !== placed) {
        placed = ev;
        const before = place;
        place = destinationOf(ev, source);
        if (place !== before) asKey = place?.asn !== undefined ? `AS${place.asn}` : undefined;
      }
      const g = place;
      if (!g) return;
      if (s.since < 0) s.since = ev.ts;
      const bytes = (ev.bytes_out ?? 0) + (ev.bytes_in ?? 0);
      const country = g.country;
      const as = asKey;
      let watched = false;
      for (let i = 0; i < s.news.length; i++) {
        const c = s.news[i]!;
        if (c.key !== country && c.key !== as) continue;
        addDecaying(c.bytes, ev.ts, bytes, HALF_LIFE);
        if (ev.ts > c.last) c.last = ev.ts;
        c.ip = ev.dst_ip;
        c.refs = keepRef(c.refs, ref);
        c.said = null;
        watched = true;
        break;
      }
      const cap = s.segment ? KNOWN_SEGMENT : KNOWN_HOST;
      const newCountry = country !== undefined && learn(s, country, ev.ts, cap, forgetMs);
      const newAs = as !== undefined && learn(s, as, ev.ts, cap, forgetMs);
      // a flow counts towards one contact: a new AS inside a country already watched is learnt, not a second one
      if ((!newCountry && !newAs) || watched) return;
      const key = newCountry ? country! : as!;
      const c = touchList(s.news, key, ev.ts, NEWS, () => ({
        key,
        last: ev.ts,
        label: newCountry ? `country=${country}` : `as=${as}`,
        ip: ev.dst_ip!,
        first: ev.ts,
        bytes: newDecaying(),
        segmentNew: false,
        checked: false,
        refs: [],
        said: null,
      }));
      if (country !== undefined) c.country = country;
      if (g.asn !== undefined) c.asn = g.asn;
      if (g.org !== undefined) c.org = g.org;
      addDecaying(c.bytes, ev.ts, bytes, HALF_LIFE);
      c.refs = keepRef(c.refs, ref);
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      if (s.news.length === 0) return [];
      const now = ctx.bucketStart + 1000;
      const peer = ctx.peer as FirstContactState | undefined;
      const isSegment = s.segment;
      const reasons: Reason[] = [];
      let kept = 0;
      for (let i = 0; i < s.news.length; i++) {
        const c = s.news[i]!;
        if (!c.checked) {
          c.checked = true;
          // the segment saw this flow first (same event time): it was the segment's first contact too
          c.segmentNew = isSegment
            ? warm(s, c.first)
            : peer !== undefined && peer.first?.[c.key] === c.first && warm(peer, c.first);
          // new to the host alone counts once the host has its own baseline
          if (!c.segmentNew && (isSegment || !warm(s, c.first))) continue;
        }
        const v = decayedValue(c.bytes, now, HALF_LIFE);
        const cap = isSegment ? CAP_SEGMENT : c.segmentNew ? CAP_SEGMENT_NEW : CAP_HOST_NEW;
        const points = pointsOf(cap, v) * 0.5 ** ((now - c.first) / HALF_LIFE / 6);
        if (now - c.first > WINDOW || points < 0.5) continue;
        s.news[kept++] = c;
        if (c.said && c.said.contribution === round2(points)) {
          reasons.push(c.said);
          continue;
        }
        const r = reason('first-contact', `first_contact ${c.label}`, v, 0, points, c.refs);
        r.geo = { ip: c.ip };
        if (c.country !== undefined) r.geo.country = c.country;
        if (c.asn !== undefined) r.geo.asn = c.asn;
        if (c.org !== undefined) r.geo.org = c.org;
        c.said = r;
        reasons.push(r);
      }
      s.news.length = kept;
      if (reasons.length > 1) reasons.sort((a, b) => b.contribution - a.contribution);
      return reasons.length > 3 ? reasons.slice(0, 3) : reasons;
    },
  };
}
