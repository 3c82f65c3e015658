/**
 * @module Where the external addresses of events and reasons are, from a {@link GeoSource} (the geo databases,
 * server/geo/geo-lookup.ts): a flow's destination for the first-contact detector, the address a reason names (a
 * beacon's destination, an indicator) when its score is held, a host's recent events when they are read. Pure.
 */
import { isIP } from '../../shared/ip.js';
import type { Geo } from '../../shared/schemas/geo.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

/** Country and AS of an address; null for local addresses and those the databases do not know. */
export interface GeoSource {
  lookup(ip: string): Geo | null;
}

/**
 * A copy of a (read) event with where its external source and destination are, `src_geo` and `dst_geo`. A producer's
 * own never get this far: decoders drop unknown fields.
 */
export function placeEvent<E extends NormalizedEvent>(ev: E, geo: GeoSource): E {
  const out = { ...ev };
  const s = geo.lookup(ev.src_ip);
  if (s) out.src_geo = s;
  const d = ev.dst_ip !== undefined ? geo.lookup(ev.dst_ip) : null;
  if (d) out.dst_geo = d;
  return out;
}

/** Where a flow's destination is: the event's `dst_geo` when it has one, else the source's answer. */
export function destinationOf(ev: NormalizedEvent, geo: GeoSource | null): Geo | null {
  if (ev.dst_geo) return ev.dst_geo;
  return geo && ev.dst_ip !== undefined ? geo.lookup(ev.dst_ip) : null;
}

/**
 * The external address a feature names as its last word (`beacon_score 203.0.113.7:443`, `indicator 198.51.100.9`),
 * its port dropped; null when the last word is no address.
 */
export function peerOfFeature(feature: string): string | null {
  const word = feature.slice(feature.lastIndexOf(' ') + 1);
  if (word.length < 3) return null;
  if (isIP(word)) return word;
  const colon = word.lastIndexOf(':');
  const bare = colon > 0 ? word.slice(0, colon).replace(/^\[(.*)\]$/, '$1') : '';
  return bare && isIP(bare) ? bare : null;
}

/** Gives each reason that names a placed external address, and has no place yet, its `geo` (kept with the reason). */
export function placeReasons(reasons: Reason[], geo: GeoSource): void {
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i]!;
    if (r.geo) continue;
    const ip = peerOfFeature(r.feature);
    const g = ip ? geo.lookup(ip) : null;
    if (g) r.geo = { ip: ip!, ...g };
  }
}
