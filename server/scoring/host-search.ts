/** @module The search box over scored hosts: address prefix, or asset name. */
import type { Entity } from './entity.js';

export interface HostMatch {
  ip: string;
  segment: string;
  name?: string;
}

/** Hosts whose address starts with, or whose asset name contains, `q` (lower case), at most `limit`. */
export function searchHosts(hosts: Iterable<Entity>, q: string, limit: number): HostMatch[] {
  const out: HostMatch[] = [];
  for (const e of hosts) {
    const name = e.asset?.name;
    if (e.id.startsWith(q) || name?.toLowerCase().includes(q)) {
      out.push(name ? { ip: e.id, segment: e.segment, name } : { ip: e.id, segment: e.segment });
      if (out.length >= limit) break;
    }
  }
  return out;
}
