/** A producer's trimming overtakes the group: Watchfloor counts what was lost instead of losing it silently. */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupMonitor } from '../../server/ingest/group-health.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
});
afterAll(async () => wf?.close());

describe('producer-side trimming', () => {
  it('reports entries trimmed before the group read them', async () => {
    // a stream whose group is far behind: created at the start, then 3,000 entries added and trimmed to 500
    const stream = `${wf.stream}-trim`;
    await wf.redis.xgroup('CREATE', stream, 'watchfloor', '0', 'MKSTREAM');
    const p = wf.redis.pipeline();
    for (let i = 0; i < 3000; i++) p.xadd(stream, '*', 'event', '{}');
    await p.exec();
    await wf.redis.xtrim(stream, 'MAXLEN', 500);
    const monitor = new GroupMonitor({
      redis: wf.redis,
      keys: wf.keys,
      sources: [{ key: stream, format: 'native', field: null }],
      group: 'watchfloor',
      logger: pino({ level: 'silent' }),
      countCap: 100_000,
    });
    const health = await monitor.sample();
    expect(health.lostToTrim).toBe(2500);
    expect(health.lag).toBe(500);
  });

  it('shows the figure in /api/stats for a consumed stream', async () => {
    const cookie = await wf.userCookie('operator');
    const stats = await eventually(async () => {
      const s = (await (await fetch(`${wf.url}/api/stats`, { headers: { cookie } })).json()) as {
        lostToTrim: number;
      };
      return typeof s.lostToTrim === 'number' ? s : undefined;
    });
    expect(stats.lostToTrim).toBe(0);
  });
});
