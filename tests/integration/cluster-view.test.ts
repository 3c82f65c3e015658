/**
 * The web role's merge of partition parts, against a real Redis: segments of a partition whose owner stopped writing
 * keep their last figures and are listed stale (never zero); closed points are handed out once; top hosts merge by
 * score; a fenced write of a member without the lease changes nothing.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ClusterAsker } from '../../server/cluster/cluster-ask.js';
import { ClusterView } from '../../server/cluster/cluster-view.js';
import { Keys } from '../../server/redis/keys.js';
import { runScript } from '../../server/redis/scripts.js';
import type { PartitionPart } from '../../shared/schemas/cluster.js';
import { stats as statsFixture } from '../unit/client-fixtures.js';

const redis = new Redis(inject('redisUrl'));
const sub = new Redis(inject('redisUrl'));
afterAll(() => {
  redis.disconnect();
  sub.disconnect();
});

const stats = statsFixture({ clients: 0, uptimeS: 0 });

function part(n: number, segment: string, at: number, t: number, score: number): PartitionPart {
  const point = (pt: number, open: boolean) => ({
    segment,
    t: pt,
    events: 10,
    bytesOut: 100,
    byKind: { flow: 10, ids: 0, dns: 0, auth: 0 },
    score,
    open,
  });
  return {
    n,
    member: `m${n}`,
    at,
    seq: 1,
    watermark: t + 1000,
    points: [point(t, false), point(t + 1000, true)],
    segments: [
      {
        segment,
        score,
        reasons: [],
        activeHosts: 3,
        eventsPerSec: 10,
        baseline: { mean: 10, std: 1 },
        lastSeen: t,
      },
    ],
    topHosts: [{ ip: `10.0.${n}.1`, segment, score, reasons: [], spark: [], lastSeen: t }],
    eventsPerSec: 10,
    applied: 100 * (n + 1),
    newestEventTs: t,
    pos: '0',
    snapshotAt: 0,
  };
}

describe('cluster view', () => {
  it('merges parts, hands closed points out once and marks a silent partition stale with its last figures', async () => {
    const keys = new Keys(`cv${Date.now()}:`);
    const asker = await ClusterAsker.start({ redis, sub, keys, member: 'web-test', scorers: async () => 0 });
    const view = new ClusterView({ redis, keys, partitions: 2, tickMs: 200, asker });
    const now = Date.now();
    await redis.set(keys.partition(0, 'part'), JSON.stringify(part(0, 'energy', now, 5000, 40)));
    await redis.set(keys.partition(1, 'part'), JSON.stringify(part(1, 'health', now - 60_000, 5000, 70)));
    const f = await view.tick(now, stats);
    expect(f.segments.map((s) => [s.segment, s.score])).toEqual([
      ['energy', 40],
      ['health', 70],
    ]);
    expect(f.stale).toEqual(['health']);
    expect(f.topHosts.map((h) => h.ip)).toEqual(['10.0.1.1', '10.0.0.1']);
    expect(f.points.filter((p) => !p.open).map((p) => p.segment)).toEqual(['energy', 'health']);
    // only the live partition's open bucket
    expect(f.points.filter((p) => p.open).map((p) => p.segment)).toEqual(['energy']);
    expect(f.stats?.applied).toBe(300);
    const again = await view.tick(now + 200, stats);
    expect(again.points.filter((p) => !p.open)).toEqual([]);
    expect(again.seq).toBe(f.seq + 1);
    // GET /api/stats of a web instance: the partitions' merged figures, not its own (it scores nothing)
    expect(view.scoredStats()).toMatchObject({ applied: 300 });
    // Redis away: a frame each tick all the same, from the parts last read, growing stale
    await redis.del(keys.partition(0, 'part'));
    const unread = await view.tick(now + 60_000, stats, false);
    expect(unread.seq).toBe(again.seq + 1);
    expect(unread.segments.map((s) => s.segment)).toEqual(['energy', 'health']);
    expect(unread.stale).toEqual(['energy', 'health']);
  });

  it('refuses a fenced write from a member without the lease', async () => {
    const keys = new Keys(`cf${Date.now()}:`);
    const lease = keys.partition(3, 'lease');
    const fence = keys.partition(3, 'fence');
    const token = Number(await runScript(redis, 'partitionLease', [lease, fence], ['a', 5000, 0]));
    expect(token).toBe(1);
    expect(Number(await runScript(redis, 'partitionLease', [lease, fence], ['b', 5000, 0]))).toBe(0);
    const target = keys.partition(3, 'snapshot');
    expect(Number(await runScript(redis, 'partitionWrite', [lease, target], ['a 1', 'x', 0]))).toBe(1);
    // a's lease expired while nobody took it: renewing keeps its token (no one can have written in between)
    await redis.del(lease);
    expect(Number(await runScript(redis, 'partitionLease', [lease, fence], ['a', 5000, 1]))).toBe(1);
    expect(await redis.get(lease)).toBe('a 1');
    // the lease expires; b takes it with a new token; a, waking up late, writes nothing
    await redis.del(lease);
    expect(Number(await runScript(redis, 'partitionLease', [lease, fence], ['b', 5000, 0]))).toBe(2);
    expect(Number(await runScript(redis, 'partitionWrite', [lease, target], ['a 1', 'stale', 0]))).toBe(0);
    expect(Number(await runScript(redis, 'partitionLease', [lease, fence], ['a', 5000, 1]))).toBe(0);
    expect(await redis.get(target)).toBe('x');
  });
});
