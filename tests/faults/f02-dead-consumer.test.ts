/**
 * F2 (and F1's restart without load): a consumer killed mid-batch loses nothing and counts nothing twice, whether it
 * restarts under its name or another instance takes its pending entries over, within `WF_RECLAIM_IDLE_MS` + 15 s.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { eventually } from '../support/server.js';

const TOTAL = 40_000;
let redis: Redis;
const children: ChildServer[] = [];

async function fill(stream: string): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < TOTAL; i += 1000) {
    const p = redis.pipeline();
    for (let j = i; j < i + 1000; j++) {
      const ev = {
        ts: now + j,
        sensor: 's1',
        kind: 'flow',
        src_ip: `10.0.${(j >> 8) & 255}.${j & 255}`,
        segment: 'crash',
        bytes_out: 1,
      };
      p.xadd(stream, '*', 'event', JSON.stringify(ev));
    }
    await p.exec();
  }
}

const counter = async (prefix: string) => Number((await redis.hget(`${prefix}counters`, 'ingested')) ?? 0);
const pending = async (stream: string) =>
  Number(((await redis.xpending(stream, 'watchfloor')) as [number])[0]);

describe('consumer crash', () => {
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    for (const c of children) await c.kill();
    redis.disconnect();
  });

  for (const mode of ['restarts with its own name', 'is taken over by another consumer'] as const) {
    it(`killed mid-batch, then ${mode}: 0 lost, 0 counted twice`, async () => {
      const id = randomUUID().slice(0, 8);
      const prefix = `crash${id}:`;
      const stream = `crash-${id}`;
      await fill(stream);
      const env = {
        REDIS_URL: inject('redisUrl'),
        WF_PREFIX: prefix,
        WF_STREAMS: stream,
        WF_START: '0',
        WF_BATCH: '2000',
      };
      // Kill it while it holds a delivered, unacknowledged batch; a kill that lands between batches is retried.
      let stuck = 0;
      for (let attempt = 0; attempt < 10 && stuck === 0; attempt++) {
        const first = startChildServer({ ...env, WF_CONSUMER: 'c1' });
        children.push(first);
        await eventually(async () => (await pending(stream)) > 0, 30_000, 1);
        await first.kill('SIGKILL');
        stuck = await pending(stream);
      }
      const before = await counter(prefix);
      expect(stuck).toBeGreaterThan(0);
      expect(before).toBeLessThan(TOTAL);

      const second = startChildServer({
        ...env,
        WF_CONSUMER: mode === 'restarts with its own name' ? 'c1' : 'c2',
        WF_RECLAIM_IDLE_MS: '1000',
      });
      children.push(second);
      // the takeover is timed from when the other instance runs (its first read), not from its process start
      const name = mode === 'restarts with its own name' ? 'c1' : 'c2';
      await eventually(
        async () => {
          const consumers = (await redis.call('XINFO', 'CONSUMERS', stream, 'watchfloor')) as string[][];
          return consumers.some((c) => c[1] === name && Number(c[c.indexOf('idle') + 1]) < 60_000);
        },
        60_000,
        20,
      );
      const startedAt = Date.now();
      await eventually(
        async () => (await counter(prefix)) === TOTAL && (await pending(stream)) === 0,
        60_000,
        200,
      ).catch((err) => {
        throw new Error(`${err.message}; ingested ${before}; server said: ${second.output().slice(-2000)}`);
      });
      const tookMs = Date.now() - startedAt;
      await new Promise((r) => setTimeout(r, 1500));
      expect(await counter(prefix)).toBe(TOTAL);
      // a takeover (idle 1 s) within the limit + 15 s
      if (mode === 'is taken over by another consumer') expect(tookMs).toBeLessThan(1_000 + 15_000);
      console.log(
        `F2 (${mode}): ${stuck} pending taken back, everything counted ${tookMs} ms after its first read`,
      );
      expect(await pending(stream)).toBe(0);
      await second.kill('SIGTERM');
    }, 120_000);
  }
});
