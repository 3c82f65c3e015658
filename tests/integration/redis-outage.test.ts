/** Redis dies and comes back: readiness says so, the process stays up, and consumption resumes by itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/schemas/frame.js';
import { TestRedis } from '../support/redis-server.js';
import { eventually, startTestServer, type TestServer, waitFor } from '../support/server.js';

let redis: TestRedis;
let wf: TestServer;

beforeAll(async () => {
  redis = await TestRedis.start({ appendonly: true });
  wf = await startTestServer(redis.url);
});
afterAll(async () => {
  await wf?.close();
  await redis?.stop();
});

const event = (segment: string) =>
  JSON.stringify({ ts: Date.now(), sensor: 's', kind: 'flow', src_ip: '10.1.1.1', segment });

describe('redis outage', () => {
  it('reports not ready while Redis is down and resumes consuming after it restarts', async () => {
    const cookie = await wf.userCookie('operator');
    const socket = wf.socket(cookie);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    await wf.redis.xadd(wf.stream, '*', 'event', event('before'));
    await waitFor<Frame>(socket, 'frame', (f) =>
      f.points.some((p) => p.segment === 'before' && p.events > 0),
    );

    await redis.kill();
    await eventually(async () => (await fetch(`${wf.url}/readyz`)).status === 503);
    expect((await fetch(`${wf.url}/healthz`)).status).toBe(200);

    await redis.restart();
    await eventually(async () => (await fetch(`${wf.url}/readyz`)).status === 200, 30_000);
    await wf.redis.xadd(wf.stream, '*', 'event', event('after'));
    const frame = await waitFor<Frame>(
      socket,
      'frame',
      (f) => f.points.some((p) => p.segment === 'after' && p.events > 0),
      30_000,
    );
    expect(frame.stats?.applied).toBeGreaterThanOrEqual(2);
  }, 90_000);
});
