/** @module What `GET /api/cluster` answers: the members' heartbeats, and each partition's lease holder, lag and snapshot age. */
import type { Cluster } from '../../shared/schemas/cluster.js';
import { getEach, type Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import type { Membership } from './membership.js';

/** Lag is counted up to this many entries (a count, not a scan of a long backlog). */
export const LAG_COUNT_CAP = 100_000;

export async function clusterStatus(
  redis: Redis,
  keys: Keys,
  membership: Membership,
  partitions: number,
  now = Date.now(),
): Promise<Cluster> {
  const members = await membership.members(now);
  const res = await getEach(
    redis,
    Array.from({ length: partitions }, (_, n) => [
      keys.partition(n, 'lease'),
      keys.partition(n, 'part'),
    ]).flat(),
  );
  const out: Cluster['partitions'] = [];
  for (let n = 0; n < partitions; n++) {
    const lease = res[2 * n] ?? null;
    const partText = res[2 * n + 1] ?? null;
    let pos = '0';
    let snapshotAt = 0;
    try {
      const part = partText ? (JSON.parse(partText) as { pos?: string; snapshotAt?: number }) : {};
      pos = typeof part.pos === 'string' ? part.pos : '0';
      snapshotAt = typeof part.snapshotAt === 'number' ? part.snapshotAt : 0;
    } catch {
      // an unreadable part counts as none
    }
    const lag = Number(
      await runScript(redis, 'streamCountAfter', [keys.partition(n, 'events')], [pos, '+', LAG_COUNT_CAP]),
    );
    out.push({
      n,
      owner: lease ? lease.slice(0, lease.lastIndexOf(' ')) : null,
      lag,
      snapshotAge: snapshotAt > 0 ? Math.max(0, now - snapshotAt) : null,
    });
  }
  return { members, partitions: out };
}
