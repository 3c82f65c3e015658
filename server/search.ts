/** @module The header search over what the live state knows: segments, sensors, hosts by IP prefix or asset name. */
import type { SearchResult } from '../shared/schemas/api.js';
import type { LiveState } from './live-state.js';

/** At most this many results. */
const LIMIT = 20;

/** Segments, sensors and hosts matching `q` (lower case): exact ids first, at most 20. */
export function searchLive(
  live: Pick<LiveState, 'engine' | 'sensors'>,
  q: string,
  now: number,
): SearchResult[] {
  const out: SearchResult[] = [];
  const engine = live.engine;
  for (const s of engine.series.segments)
    if (s.toLowerCase().includes(q)) out.push({ type: 'segment', id: s, label: s });
  for (const s of live.sensors.list(now)) {
    if (s.sensor.toLowerCase().includes(q))
      out.push({ type: 'sensor', id: s.sensor, label: s.sensor, segment: s.segment });
  }
  for (const h of engine.searchHosts(q, LIMIT)) {
    out.push({
      type: h.name ? 'asset' : 'host',
      id: h.ip,
      label: h.name ? `${h.name} (${h.ip})` : h.ip,
      segment: h.segment,
    });
  }
  const exact = (r: SearchResult) => (r.id.toLowerCase() === q ? 0 : 1);
  return out.sort((a, b) => exact(a) - exact(b)).slice(0, LIMIT);
}
