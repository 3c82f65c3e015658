/**
 * @module Test helper: every partition stream's entries read through one repeat filter per partition, as the scorers
 * of a Redis Cluster apply them, so a test can count what was applied once and what was dropped as written twice.
 */
import type { Cluster, Redis } from 'ioredis';
import type { RoutedEvent } from '../../server/cluster/partition-router.js';
import { RepeatFilter } from '../../server/cluster/repeat-filter.js';
import type { Keys } from '../../server/redis/keys.js';

/** A stream entry's field/value array as an object. */
/** A flow event JSON with id `<idPrefix>-<i>`: 4 source networks, 6 segments (so it spreads over partitions). */
export function spreadEvent(idPrefix: string, i: number): string {
  return JSON.stringify({
    ts: Date.now(),
    sensor: 's1',
    kind: 'flow',
    src_ip: `10.0.${i % 4}.${i % 200}`,
    segment: `seg${i % 6}`,
    bytes_out: 100,
    event_id: `${idPrefix}-${i}`,
  });
}

export function fieldMap(fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!] = fields[i + 1]!;
  return out;
}

export interface Applied {
  /** The refs (event ids) applied. */
  events: Set<string>;
  /** Events applied, repeats of a ref included. */
  applied: number;
  /** Events the filters dropped as written twice. */
  dropped: number;
}

export async function appliedThroughFilters(
  redis: Redis | Cluster,
  keys: Keys,
  partitions: number,
): Promise<Applied> {
  const events = new Set<string>();
  let applied = 0;
  let dropped = 0;
  for (let n = 0; n < partitions; n++) {
    const filter = new RepeatFilter();
    for (const [, fields] of await redis.xrange(keys.partition(n, 'events'), '-', '+')) {
      const f = fieldMap(fields);
      const [first, last] = (f.r ?? '').split(' ');
      const batch = JSON.parse(f.b!) as RoutedEvent[];
      const origin = { source: f.s!, range: first && last ? ([first, last] as const) : null };
      const kept = filter.admit(origin, batch, (e) => e[3]);
      applied += kept.length;
      for (const [ref] of kept) events.add(ref);
    }
    dropped += filter.dropped;
  }
  return { events, applied, dropped };
}
