/** @module The search box over scored hosts: address prefix, or asset name. */
import type { Entity } from './entity.js';

export interface HostMatch {
  ip: string;
  segment: string;
  /** The host's score now (rounded to a tenth), so that the search can rank by it. */
  score: number;
  name?: string;
}

/** Every host whose address starts with, or whose asset name contains, `q` (lower case), with its score. */
export function searchHosts(hosts: Iterable<Entity>, q: string, scoreOf: (e: Entity) => number): HostMatch[] {
  const out: HostMatch[] = [];
  for (const e of hosts) {
    const name = e.asset?.name;
    if (e.id.startsWith(q) || name?.toLowerCase().includes(q)) {
      const score = Math.round(scoreOf(e) * 10) / 10;
      out.push(
        name ? { ip: e.id, segment: e.segment, score, name } : { ip: e.id, segment: e.segment, score },
      );
    }
  }
  return out;
}
