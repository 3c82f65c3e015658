/** Redis lists (Suricata's default LPUSH mode): consumed in batches; a consumer killed mid-batch loses nothing. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { eventually, startTestServer } from '../support/server.js';

const TOTAL = 30_000;
let redis: Redis;
const children: ChildServer[] = [];

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  for (const c of children) await c.kill();
  redis.disconnect();
});

const eve = (i: number, now: number) =>
  JSON.stringify({
    timestamp: new Date(now + i).toISOString().replace('Z', '+0000'),
    event_type: 'flow',
    src_ip: `10.3.${(i >> 8) & 255}.${i & 255}`,
    dest_ip: '198.51.100.1',
    src_port: 40000,
    dest_port: 443,
    proto: 'TCP',
    host: 'sur-list-1',
    flow: {
      bytes_toserver: 100,
      bytes_toclient: 50,
      pkts_toserver: 2,
      pkts_toclient: 1,
      state: 'closed',
      start: new Date(now + i).toISOString(),
    },
  });

async function fill(list: string): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < TOTAL; i += 1000) {
    const batch = Array.from({ length: 1000 }, (_, j) => eve(i + j, now));
    await redis.lpush(list, ...batch);
  }
}

describe('list sources', () => {
  it('consumes an EVE list and dead-letters a bad element, in process', async () => {
    const list = `suricata-list-${randomUUID().slice(0, 6)}`;
    const wf = await startTestServer(inject('redisUrl'), { WF_LISTS: `${list}=eve` });
    try {
      await redis.lpush(list, eve(1, Date.now()), '{broken', eve(2, Date.now()));
      await eventually(async () => Number(await redis.hget(`${wf.prefix}counters`, 'ingested')) === 2);
      expect(await redis.hget(`${wf.prefix}counters`, 'rejected:bad_json')).toBe('1');
      expect(await redis.llen(list)).toBe(0);
      const [, fields] = (await redis.xrange(`${wf.prefix}dlq`, '-', '+'))[0]!;
      expect(fields[fields.indexOf('source') + 1]).toBe(list);
    } finally {
      await wf.close();
    }
  });

  it('killed mid-batch and restarted: 0 lost, 0 counted twice', async () => {
    const id = randomUUID().slice(0, 8);
    const prefix = `list${id}:`;
    const list = `suricata-${id}`;
    await fill(list);
    const env = {
      REDIS_URL: inject('redisUrl'),
      WF_PREFIX: prefix,
      WF_STREAMS: `unused-${id}`,
      WF_LISTS: `${list}=eve`,
      WF_BATCH: '2000',
      WF_CONSUMER: 'l1',
    };
    const processing = `${prefix}processing:${list}:l1`;
    let stuck = 0;
    for (let attempt = 0; attempt < 10 && stuck === 0; attempt++) {
      const first = startChildServer(env);
      children.push(first);
      await eventually(async () => (await redis.llen(processing)) > 0, 30_000, 1);
      await first.kill('SIGKILL');
      stuck = await redis.llen(processing);
    }
    expect(stuck).toBeGreaterThan(1);
    const before = Number((await redis.hget(`${prefix}counters`, 'ingested')) ?? 0);
    expect(before).toBeLessThan(TOTAL);
    const second = startChildServer(env);
    children.push(second);
    await eventually(
      async () =>
        Number(await redis.hget(`${prefix}counters`, 'ingested')) === TOTAL && (await redis.llen(list)) === 0,
      60_000,
      200,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(Number(await redis.hget(`${prefix}counters`, 'ingested'))).toBe(TOTAL);
    expect(await redis.llen(processing)).toBe(0);
    await second.kill('SIGTERM');
  }, 120_000);
});
