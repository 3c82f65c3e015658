/**
 * @module Where the external addresses of events and reasons are: the engine asks a {@link GeoSource} (the geo
 * databases, server/geo/geo-lookup.ts) for an event's source and destination before its detectors see it, and for
 * the address a reason names (a beacon's destination, an indicator) when its score is held. Pure.
 */
import { isIP } from '../../shared/ip.js';
import type { Geo } from '../../shared/schemas/geo.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

/** Country and AS of an address; null for local addresses and those the databases do not know. */
export interface GeoSource {
  lookup(ip: string): Geo | null;
}

/** Sets `src_geo` and `dst_geo` from the source (a producer's own never gets this far: decoders drop unknown fields). */
export function placeEvent(ev: NormalizedEvent, geo: GeoSource): void {
  if (ev.dst_ip !== undefined) {
    const d = geo.lookup(ev.dst_ip);
    if (d) ev.dst_geo = d;
  }
  const s = geo.lookup(ev.src_ip);
  if (s) ev.src_geo = s;
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
