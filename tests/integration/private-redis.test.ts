/** `npm start` with nothing at REDIS_URL: a private redis-server when it can, a clear message when it cannot. */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisAnswers } from '../../server/redis/connections.js';
import { startChildServer } from '../support/child-server.js';
import { freePort, TestRedis } from '../support/redis-server.js';
import { eventually } from '../support/server.js';

describe('start-up without Redis', () => {
  it('starts a private redis-server, says so, and stops it on SIGTERM', async () => {
    const port = await freePort();
    const child = startChildServer({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      WF_AUTO_REDIS: '1',
      WF_DATA_DIR: mkdtempSync(join(tmpdir(), 'wf-data-')),
      LOG_LEVEL: 'info',
    });
    await eventually(async () => child.output().includes('Watchfloor is running'), 30_000);
    expect(child.output()).toMatch(/started a private redis-server/);
    expect(child.output()).toMatch(/password: \S+/);
    expect(child.output()).toMatch(/\/wall\?token=/);
    const exited = once(child.process, 'exit');
    child.process.kill('SIGTERM');
    await exited;
  }, 60_000);

  it("stops cleanly on a terminal's Ctrl-C (SIGINT to the whole process group), then stops its Redis", async () => {
    const port = await freePort();
    const child = startChildServer(
      {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        WF_AUTO_REDIS: '1',
        WF_DATA_DIR: mkdtempSync(join(tmpdir(), 'wf-data-')),
        WF_STOP_TIMEOUT_S: '10',
        LOG_LEVEL: 'info',
      },
      { ownGroup: true },
    );
    await eventually(async () => child.output().includes('Watchfloor is running'), 30_000);
    const exited = once(child.process, 'exit');
    process.kill(-child.process.pid!, 'SIGINT');
    const [code] = (await exited) as [number];
    expect(child.output()).not.toMatch(/exiting unsaved/);
    expect(child.output()).toMatch(/"msg":"stopped"/);
    expect(code).toBe(0);
    // and its Redis is stopped after it
    await eventually(async () => !(await redisAnswers(`redis://127.0.0.1:${port}`, 300)), 10_000);
  }, 60_000);

  it('exits with advice when it may not start one', async () => {
    const port = await freePort();
    const child = startChildServer({ REDIS_URL: `redis://127.0.0.1:${port}`, WF_AUTO_REDIS: '0' });
    const [code] = (await once(child.process, 'exit')) as [number];
    expect(code).toBe(1);
    expect(child.output()).toMatch(/nothing answers at redis:\/\/127\.0\.0\.1:\d+\. Start Redis 7/);
  }, 30_000);

  it('says a Redis that refuses the URL refused it (no private server on its port), never printing the password', async () => {
    const redis = await TestRedis.start();
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'requirepass', 'sekret-pw');
      for (const [url, why] of [
        [`redis://:wrong-pw-9@127.0.0.1:${redis.port}`, /WRONGPASS/],
        [`redis://:sekret-pw@127.0.0.1:${redis.port}/99`, /DB index is out of range/],
      ] as const) {
        const child = startChildServer({ REDIS_URL: url, WF_AUTO_REDIS: '1', LOG_LEVEL: 'info' });
        const [code] = (await once(child.process, 'exit')) as [number];
        expect(code, url).toBe(1);
        expect(child.output(), url).toMatch(
          new RegExp(`the Redis at redis://127\\.0\\.0\\.1:${redis.port}\\S* refused`),
        );
        expect(child.output(), url).toMatch(why);
        expect(child.output(), url).not.toMatch(/pw/);
        expect(child.output(), url).not.toMatch(/private redis-server/);
      }
    } finally {
      admin.disconnect();
      await redis.stop();
    }
  }, 60_000);

  it('says PORT is in use, exit 2, before it writes anything to Redis', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    const redis = await TestRedis.start();
    try {
      const child = startChildServer({ REDIS_URL: redis.url, PORT: String(port), WF_PREFIX: 'busy:' });
      const [code] = (await once(child.process, 'exit')) as [number];
      expect(code).toBe(2);
      expect(child.output()).toMatch(new RegExp(`PORT ${port} is in use`));
      const probe = new Redis(redis.url);
      expect(await probe.keys('*')).toEqual([]);
      probe.disconnect();
    } finally {
      taken.close();
      await redis.stop();
    }
  }, 30_000);

  it('stops on a bad variable with a message naming it', async () => {
    const child = startChildServer({ WF_TICK_MS: 'often' });
    const [code] = (await once(child.process, 'exit')) as [number];
    expect(code).toBe(2);
    expect(child.output()).toMatch(/WF_TICK_MS/);
  }, 30_000);
});
