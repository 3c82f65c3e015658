/** The ingested total says since when it counts: the counters' first stamp, kept across restarts, in Redis. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCounters, stampCounters } from '../../server/ingest/ingest-health.js';
import { Keys } from '../../server/redis/keys.js';
import type { Stats } from '../../shared/schemas/stats.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
const started = Date.now();
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
});
afterAll(async () => wf?.close());

describe('the counters since', () => {
  it('are stamped at the first start and served with the stats', async () => {
    const cookie = await wf.userCookie('operator');
    const stats = (await (await fetch(`${wf.url}/api/stats`, { headers: { cookie } })).json()) as Stats;
    expect(stats.countedSince).toBeGreaterThanOrEqual(started - 1000);
    expect(stats.countedSince).toBeLessThanOrEqual(Date.now());
    expect(stats.countedSinceBefore).toBe(false);
    // a later start keeps the first stamp
    await stampCounters(wf.redis, wf.keys, Date.now() + 60_000);
    expect((await readCounters(wf.redis, wf.keys)).countedSince).toBe(stats.countedSince);
  });

  it('say "from before" when the counters held counts before the first stamp (an upgraded deployment)', async () => {
    const keys = new Keys(`${wf.prefix}old:`);
    await wf.redis.hset(keys.counters, 'ingested', '1200');
    await stampCounters(wf.redis, keys, 5_000);
    expect(await readCounters(wf.redis, keys)).toMatchObject({
      ingested: 1200,
      countedSince: 5_000,
      countedSinceBefore: true,
    });
  });
});
