/** @module The CIDR → segment map (`WF_SEGMENTS`): the first matching rule wins, else `unassigned`. */
import { cidrMatcher } from '../shared/ip.js';
import type { SegmentRule } from './config.js';

export const UNASSIGNED = 'unassigned';

export function segmentResolver(rules: readonly SegmentRule[]): (ip: string) => string {
  const matchers = rules.map((r) => ({ match: cidrMatcher(r.cidr)!, segment: r.segment }));
  const cache = new Map<string, string>();
  return (ip: string) => {
    let seg = cache.get(ip);
    if (seg === undefined) {
      seg = matchers.find((m) => m.match(ip))?.segment ?? UNASSIGNED;
      if (cache.size > 100_000) cache.clear();
      cache.set(ip, seg);
    }
    return seg;
  };
}
