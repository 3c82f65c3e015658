/**
 * @module The header search over what the live state knows: segments, sensors, hosts by IP prefix or asset name.
 * Ranked: an exact address or name first, then asset names, then by score (the hosts worth opening first), and the
 * total counts every match, not only those listed.
 */
import type { SearchAnswer, SearchResult } from '../shared/schemas/api.js';
import type { LiveState } from './live-state.js';

/** At most this many results are listed (the total says how many matched). */
export const SEARCH_LIMIT = 12;

/** Rank of a match: 0 its id or name is the query, 1 an asset name contains it, 2 anything else. */
function tier(r: SearchResult, q: string): number {
  if (r.id.toLowerCase() === q) return 0;
  if (r.type === 'asset') return r.label.toLowerCase().startsWith(`${q} (`) ? 0 : 1;
  return 2;
}

/** Segments, sensors and hosts matching `q` (lower case), best first, at most SEARCH_LIMIT, with the total. */
export function searchLive(
  live: Pick<LiveState, 'engine' | 'sensors'>,
  q: string,
  now: number,
): SearchAnswer {
  const out: SearchResult[] = [];
  const engine = live.engine;
  for (const s of engine.series.segments)
    if (s.toLowerCase().includes(q)) out.push({ type: 'segment', id: s, label: s });
  for (const s of live.sensors.list(now)) {
    if (s.sensor.toLowerCase().includes(q))
      out.push({ type: 'sensor', id: s.sensor, label: s.sensor, segment: s.segment });
  }
  for (const h of engine.searchHosts(q)) {
    out.push({
      type: h.name ? 'asset' : 'host',
      id: h.ip,
      label: h.name ? `${h.name} (${h.ip})` : h.ip,
      segment: h.segment,
      score: h.score,
    });
  }
  out.sort(
    (a, b) =>
      tier(a, q) - tier(b, q) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      a.label.localeCompare(b.label, 'en', { numeric: true }),
  );
  return { results: out.slice(0, SEARCH_LIMIT), total: out.length };
}
