/**
 * Input lists (`WF_LISTS`) on a real 3-master Redis Cluster: lists on different masters are consumed through
 * processing lists in each list's own slot; an ingest that died between taking a batch and recording it (in this
 * process, at chosen steps; and a real server process killed with SIGKILL) loses nothing and counts nothing twice, and
 * a malformed element is dead-lettered.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartitionRouter, type RoutedEvent } from '../../server/cluster/partition-router.js';
import { prepareBatch, type RawItem } from '../../server/ingest/batch.js';
import { decoderFor } from '../../server/ingest/decoders/index.js';
import { ListConsumer } from '../../server/ingest/list-consumer.js';
import { createRedis, type Redis } from '../../server/redis/connections.js';
import { Keys } from '../../server/redis/keys.js';
import { runScript } from '../../server/redis/scripts.js';
import { counted } from '../faults/support.js';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { appliedThroughFilters, fieldMap, spreadEvent } from '../support/partition-entries.js';
import { TestRedisCluster } from '../support/redis-cluster.js';
import { eventually } from '../support/server.js';

const PARTITIONS = 4;
/** Where an ingest is with a batch of a list (on a cluster, `ingest-loop.ts`'s steps). */
type Step =
  | 'idle'
  | 'taken, not written'
  | 'written, not recorded'
  | 'recorded, not deleted'
  | 'deleted, not unmarked';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cluster: TestRedisCluster;
let redis: Redis;
const children: ChildServer[] = [];

beforeAll(async () => {
  cluster = await TestRedisCluster.start(3);
  redis = createRedis({ redisUrl: 'redis://127.0.0.1', redisCluster: nodes() }, 'test');
}, 60_000);
afterAll(async () => {
  for (const c of children) await c.kill();
  redis?.disconnect();
  await cluster?.stop();
});

const nodes = () => cluster.ports.map((port) => ({ host: '127.0.0.1', port }));

/** The port of the master serving `key`'s slot. */
async function masterOf(key: string): Promise<number> {
  const slot = Number(await redis.call('CLUSTER', 'KEYSLOT', key));
  const ranges = (await redis.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
  return ranges.find(([from, to]) => slot >= from && slot <= to)![2][1];
}

/** Two list names made from `make(n)` and `other(n)`, the first `n`s that put them on different masters. */
async function onTwoMasters(
  make: (n: number) => string,
  other: (n: number) => string,
): Promise<[string, string]> {
  const a = make(0);
  for (let n = 0; n < 100; n++) {
    const b = other(n);
    if ((await masterOf(a)) !== (await masterOf(b))) return [a, b];
  }
  throw new Error('no two list names on different masters');
}

/** Pushes `n` events (oldest first, as a producer's LPUSH does), with `extra` elements pushed after the `at`-th. */
async function fill(list: string, n: number, extra: { at: number; elements: string[] } | null = null) {
  for (let i = 0; i < n; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - i) }, (_, j) => spreadEvent(list, i + j));
    await redis.lpush(list, ...chunk);
    if (extra && extra.at >= i && extra.at < i + 1000) await redis.lpush(list, ...extra.elements);
  }
}

describe('input lists on a Redis Cluster', () => {
  it('keeps each processing list and event-id mark in its list’s slot (a list with a hash tag of its own too)', async () => {
    const keys = new Keys('wf:', { hashTag: true });
    for (const list of ['suricata', '{edge}zeek', 'a{b', 'x{y}z', 'logs{a}{b}', 'foo{{bar}}zap']) {
      const slot = await redis.call('CLUSTER', 'KEYSLOT', list);
      expect(await redis.call('CLUSTER', 'KEYSLOT', keys.listProcessing(list, 'c1')), list).toBe(slot);
      expect(await redis.call('CLUSTER', 'KEYSLOT', keys.listBatchSeq(list)), list).toBe(slot);
      // and its event-id marks, set per event, with it (so they spread with the inputs)
      expect(await redis.call('CLUSTER', 'KEYSLOT', keys.dedup(list, 'e1')), list).toBe(slot);
    }
  });

  it('a batch taken and written (or also recorded) by an ingest that died is applied once after its restart; a copy counts as a duplicate', async () => {
    const id = randomUUID().slice(0, 8);
    const keys = new Keys(`cl${id}:`, { hashTag: true });
    const [lost, recorded] = await onTwoMasters(
      () => `suricata-${id}`,
      (n) => `{edge-${id}-${n}}filebeat`,
    );
    await fill(lost, 300);
    // a malformed element, and a copy of an event already pushed (its event id seen before)
    await fill(recorded, 300, { at: 250, elements: ['{broken', spreadEvent(recorded, 3)] });
    const router = new PartitionRouter(keys, PARTITIONS, redis);
    const options = {
      redis,
      keys,
      sources: [lost, recorded].map((key) => ({ key, format: 'native' as const, field: null })),
      consumer: 'c1',
      batch: 100,
      idleMs: 20,
      maxDeliveries: 5,
      maxFutureMs: 300_000,
      segmentOf: () => 'unassigned',
      sink: { apply: () => {}, write: router.write.bind(router) },
      logger: pino({ level: 'silent' }),
      dedupTtlS: 600,
    };

    // the dead ingest (consumer c1) took a batch of 100 from each list and wrote both batches' partition entries;
    // it recorded the second list's batch (counters and marks) and died before deleting either processing list
    // (decoded and deduplicated as the ingest loop does: `prepareBatch`)
    const take = async (list: string) => {
      const [batch, ...items] = (await runScript(
        redis,
        'listTake',
        [list, keys.listProcessing(list, 'c1'), keys.listBatchSeq(list)],
        [100],
      )) as string[];
      const ids = items.map((_, i) => `${batch}.${i}`);
      const now = Date.now();
      const source = { key: list, decode: decoderFor('native'), ctxField: 'event' };
      const { accepted } = await prepareBatch(
        items.map((el, i): RawItem => [ids[i]!, ['event', el]]),
        source,
        { source: list, field: 'event', now, maxFutureMs: 300_000, segmentOf: () => 'unassigned' },
        { redis, keys, ttlS: 600 },
      );
      await router.write(accepted, now, { source: list, range: [ids[0]!, ids[ids.length - 1]!] });
      return ids;
    };
    await take(lost);
    const recordedIds = await take(recorded);
    await redis
      .multi()
      .hincrby(keys.counters, 'ingested', recordedIds.length)
      .hset(keys.listRecorded(recorded, 'c1'), ...recordedIds.flatMap((e) => [e, '1']))
      .exec();

    // c1 restarts: it applies what its processing lists hold first, then the rest of both lists
    const restarted = new ListConsumer(options);
    const stop = new AbortController();
    const running = restarted.run(stop.signal);
    try {
      await eventually(async () => {
        const left = await Promise.all(
          [lost, recorded].flatMap((l) => [redis.llen(l), redis.llen(keys.listProcessing(l, 'c1'))]),
        );
        return left.every((n) => n === 0);
      }, 20_000);
    } finally {
      stop.abort();
      await running;
    }
    const seen = await appliedThroughFilters(redis, keys, PARTITIONS);
    console.log(
      `cluster lists, restart after a death at chosen steps: 600 events; ${seen.applied} applied after the repeat filters, ${seen.dropped} repeats dropped`,
    );
    expect(seen.applied).toBe(600);
    expect(seen.events.size).toBe(600);
    // the unrecorded batch's 100 events were written twice (before the death and after it): dropped; the recorded
    // batch was only acknowledged, not written again
    expect(seen.dropped).toBe(100);
    const c = await counted(redis, keys);
    expect(c.ingested).toBe(600);
    expect(c.duplicates).toBe(1);
    expect(c.byReason).toEqual({ bad_json: 1 });
    const dead = (await redis.xrange(keys.dlq, '-', '+')).map(([, fields]) => fieldMap(fields));
    expect(dead.map((d) => [d.source, d.reason, d.raw])).toEqual([[recorded, 'bad_json', '{broken']]);
    for (const l of [lost, recorded]) expect(await redis.exists(keys.listRecorded(l, 'c1'))).toBe(0);
  }, 60_000);

  it('a real ingest process killed with SIGKILL between taking and recording: 0 lost, 0 counted twice', async () => {
    const id = randomUUID().slice(0, 8);
    const prefix = `ck${id}:`;
    const keys = new Keys(prefix, { hashTag: true });
    const [a, b] = await onTwoMasters(
      () => `suricata-${id}`,
      (n) => `filebeat-${id}-${n}`,
    );
    const perList = 20_000;
    await fill(a, perList);
    await fill(b, perList, { at: 7_000, elements: ['{"ts": 1, "kind": "flow"'] });
    const total = 2 * perList;
    const env = {
      REDIS_CLUSTER_NODES: cluster.nodes,
      WF_PREFIX: prefix,
      WF_ROLES: 'ingest',
      WF_PARTITIONS: String(PARTITIONS),
      WF_STREAMS: `unused-${id}`,
      WF_LISTS: `${a},${b}`,
      WF_BATCH: '500',
      WF_CONSUMER: 'l1',
      WF_MEMBER_ID: `ingest-${id}`,
    };
    const ingested = async () => (await counted(redis, keys)).ingested;

    /** Where the ingest, stopped, is with the batch of `list` in its processing list. */
    const stepOf = async (list: string): Promise<Step> => {
      const [batch] = await redis.lrange(keys.listProcessing(list, 'l1'), 0, 0);
      const marked = (await redis.hlen(keys.listRecorded(list, 'l1'))) > 0;
      if (batch === undefined) return marked ? 'deleted, not unmarked' : 'idle';
      if (marked) return 'recorded, not deleted';
      for (let n = 0; n < PARTITIONS; n++)
        for (const [, fields] of await redis.xrevrange(keys.partition(n, 'events'), '+', '-', 'COUNT', 4)) {
          const f = fieldMap(fields);
          const events = JSON.parse(f.b!) as RoutedEvent[];
          if (f.s === list && events.some((e) => e[3]?.startsWith(`${batch}.`)))
            return 'written, not recorded';
        }
      return 'taken, not written';
    };

    // Each process is stopped (SIGSTOP) again and again, what Redis holds is read while it stands still, and it is
    // killed (SIGKILL) once it stands in the step aimed at, or, failing that within its share of the events, in
    // whatever step holds a batch.
    const aims: Step[] = ['written, not recorded', 'recorded, not deleted', 'deleted, not unmarked'];
    const deaths: Step[][] = [];
    for (const [k, aim] of aims.entries()) {
      const p = startChildServer(env);
      children.push(p);
      const cap = ((k + 1) * total) / (aims.length + 1);
      await eventually(
        async () => {
          p.process.kill('SIGSTOP');
          await sleep(5); // what it sent before it stopped reaches Redis
          const steps = await Promise.all([a, b].map(stepOf));
          const late = (await ingested()) >= cap;
          if (steps.includes(aim) || (late && steps.some((s) => s !== 'idle'))) {
            await p.kill('SIGKILL');
            deaths.push(steps);
            return true;
          }
          p.process.kill('SIGCONT');
          return false;
        },
        120_000,
        2,
      );
    }
    console.log(`cluster lists, SIGKILL: each list's step at the deaths: ${JSON.stringify(deaths)}`);
    // deaths holding a batch taken and not yet recorded
    expect(
      deaths.flat().filter((s) => s === 'taken, not written' || s === 'written, not recorded').length,
    ).toBeGreaterThan(0);
    expect(await ingested()).toBeLessThan(total);

    const last = startChildServer(env);
    children.push(last);
    const processing = [a, b].map((l) => keys.listProcessing(l, 'l1'));
    await eventually(
      async () =>
        (await ingested()) === total &&
        (await Promise.all([a, b, ...processing].map((k) => redis.llen(k)))).every((n) => n === 0),
      90_000,
      200,
    );
    await sleep(1000);
    await last.kill('SIGTERM');
    const c = await counted(redis, keys);
    const seen = await appliedThroughFilters(redis, keys, PARTITIONS);
    console.log(
      `cluster lists, SIGKILL: ${total} events; ${c.ingested} counted, ${seen.applied} applied after the repeat filters, ${seen.dropped} repeats dropped`,
    );
    expect(c.ingested).toBe(total);
    expect(c.byReason).toEqual({ bad_json: 1 });
    expect(seen.applied).toBe(total);
    expect(seen.events.size).toBe(total);
    const dead = (await redis.xrange(keys.dlq, '-', '+')).map(([, fields]) => fieldMap(fields));
    expect(dead.map((d) => [d.source, d.reason])).toEqual([[b, 'bad_json']]);
    for (const l of [a, b]) expect(await redis.exists(keys.listRecorded(l, 'l1'))).toBe(0);
  }, 300_000);
});
