/**
 * Ingest on a real 3-master Redis Cluster: an ingest that died after writing its partition entries (and, for some
 * entries, after recording them) but before acknowledging is taken over by another; every event reaches its partition
 * once after the scorers' repeat filter, and the counters count each entry once.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartitionRouter } from '../../server/cluster/partition-router.js';
import { StreamConsumer } from '../../server/ingest/stream-consumer.js';
import { createBlockingRedis, createRedis, type Redis } from '../../server/redis/connections.js';
import { Keys } from '../../server/redis/keys.js';
import { counted } from '../faults/support.js';
import { appliedThroughFilters, spreadEvent } from '../support/partition-entries.js';
import { TestRedisCluster } from '../support/redis-cluster.js';
import { eventually } from '../support/server.js';

const PARTITIONS = 4;
const N = 300;
let cluster: TestRedisCluster;
let redis: Redis;

beforeAll(async () => {
  cluster = await TestRedisCluster.start(3);
  redis = createRedis({ redisUrl: 'redis://127.0.0.1', redisCluster: nodes() }, 'test');
}, 60_000);
afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
});

const nodes = () => cluster.ports.map((port) => ({ host: '127.0.0.1', port }));

describe('ingest on a Redis Cluster', () => {
  it('a takeover writes again what a dead ingest wrote; scorers drop the repeats; counters count each entry once', async () => {
    const id = randomUUID().slice(0, 8);
    const keys = new Keys(`ci${id}:`, { hashTag: true });
    const stream = `cluster-ingest-${id}`;
    for (let i = 0; i < N; i++) await redis.xadd(stream, '*', 'event', spreadEvent('e', i));
    await redis.xgroup('CREATE', stream, 'watchfloor', '0');
    const router = new PartitionRouter(keys, PARTITIONS, redis);
    const options = {
      redis,
      keys,
      sources: [{ key: stream, format: 'native' as const, field: null }],
      group: 'watchfloor',
      start: '0' as const,
      maxDeliveries: 5,
      reclaimIdleMs: 1_000,
      maxFutureMs: 300_000,
      segmentOf: () => 'unassigned',
      sink: { apply: () => {}, write: router.write.bind(router) },
      logger: pino({ level: 'silent' }),
      batch: 100,
      blockMs: 200,
      dedupTtlS: 600,
    };

    // the dead ingest: read 200 new entries in two reads, wrote both reads' partition entries, recorded the first
    // read (counters and marks), and died before acknowledging either
    const read = async () =>
      (
        (await redis.xreadgroup('GROUP', 'watchfloor', 'dead', 'COUNT', 100, 'STREAMS', stream, '>')) as [
          string,
          [string, string[]][],
        ][]
      )[0];
    const firstRead = await read();
    const secondRead = await read();
    const entries = (read: [string, [string, string[]][]] | undefined) => read![1];
    const asAccepted = (list: [string, string[]][]) =>
      list.map(([entry, fields]) => {
        const ev = JSON.parse(fields[1]!) as { event_id: string; segment: string };
        return { ref: ev.event_id, entry, event: { ...ev, ts: Date.now() } as never };
      });
    const range = (list: [string, string[]][]) => [list[0]![0], list[list.length - 1]![0]] as const;
    for (const read of [entries(firstRead), entries(secondRead)])
      await router.write(asAccepted(read), Date.now(), { source: stream, range: range(read) });
    const firstIds = entries(firstRead).map(([entryId]) => entryId);
    await redis
      .multi()
      .hincrby(keys.counters, 'ingested', firstIds.length)
      .hset(keys.ingestRecorded('watchfloor', stream), ...firstIds.flatMap((e) => [e, '1']))
      .exec();

    // the survivor takes the dead one's entries over after the idle limit, and reads the rest itself
    const blocking = createBlockingRedis(
      { redisUrl: 'redis://127.0.0.1', redisCluster: nodes() },
      'test-blocking',
    );
    const alive = new StreamConsumer({ ...options, consumer: 'alive', blocking });
    const stop = new AbortController();
    const running = alive.run(stop.signal);
    try {
      await eventually(async () => {
        const pending = (await redis.xpending(stream, 'watchfloor')) as [number];
        const info = (await redis.xinfo('GROUPS', stream)) as unknown[][];
        const lag = info[0]![info[0]!.indexOf('lag') + 1];
        return Number(pending[0]) === 0 && Number(lag) === 0;
      }, 20_000);
    } finally {
      stop.abort();
      await running;
      blocking.disconnect();
    }
    const seen = await appliedThroughFilters(redis, keys, PARTITIONS);
    console.log(
      `cluster ingest takeover: ${N} entries; ${seen.applied} applied after the repeat filter, ${seen.dropped} repeats dropped`,
    );
    expect(seen.applied).toBe(N);
    expect(seen.events.size).toBe(N);
    // the second read's 100 events were written twice (the dead ingest's write and the survivor's): dropped
    expect(seen.dropped).toBe(100);
    expect((await counted(redis, keys)).ingested).toBe(N);
    // every mark is removed once its entry is acknowledged
    expect(await redis.hlen(keys.ingestRecorded('watchfloor', stream))).toBe(0);
  }, 60_000);
});
