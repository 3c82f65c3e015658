/**
 * F1: `kill -9` of the server while a producer writes at 20k events/s, three times, each time started again under the
 * same consumer name: every event written is counted exactly once (the counters, the producer ids seen, nothing
 * pending, nothing dead-lettered).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { eventually } from '../support/server.js';
import { counted, idsSeen, pendingOf, sleep, steadyProducer } from './support.js';

const children: ChildServer[] = [];
const redis = new Redis(inject('redisUrl'));
afterAll(async () => {
  for (const c of children) await c.kill();
  redis.disconnect();
});

describe('F1 kill -9 of the server at 20k events/s', () => {
  it('counts every event once after three kills and restarts', async () => {
    const id = randomUUID().slice(0, 8);
    const prefix = `f1${id}:`;
    const stream = `f1-${id}`;
    const env = {
      REDIS_URL: inject('redisUrl'),
      WF_PREFIX: prefix,
      WF_STREAMS: stream,
      WF_START: '0',
      WF_CONSUMER: 'f1',
    };
    const producerConn = redis.duplicate();
    // 20k events/s, 400,000 in all (20 s): the kills land while it writes or while the backlog is drained
    const producer = steadyProducer(producerConn, stream, 'f1', 20_000, 400_000);
    const killedAt: number[] = [];
    for (let round = 0; round < 3; round++) {
      const before = (await counted(redis, prefix)).ingested;
      const child = startChildServer(env);
      children.push(child);
      // killed while it consumes: after it has counted something more
      await eventually(async () => (await counted(redis, prefix)).ingested > before + 5_000, 120_000, 50);
      await sleep(300 + Math.floor(Math.random() * 700));
      await child.kill('SIGKILL');
      killedAt.push((await counted(redis, prefix)).ingested);
    }
    const last = startChildServer(env);
    children.push(last);
    await sleep(3_000);
    const written = await producer.stop();
    expect(producer.failures).toBe(0);
    // however slow the machine: up to 5 minutes (a failure says when the count last moved)
    let moved = { at: Date.now(), n: -1 };
    await eventually(
      async () => {
        const n = (await counted(redis, prefix)).ingested;
        if (n !== moved.n) moved = { at: Date.now(), n };
        return n === written;
      },
      300_000,
      250,
    ).catch(async () => {
      throw new Error(
        `counted ${JSON.stringify(await counted(redis, prefix))} of ${written}; ${last.output().slice(-1500)}`,
      );
    });
    await sleep(1_500); // nothing more arrives late
    const c = await counted(redis, prefix);
    expect(c.ingested).toBe(written);
    expect(c.duplicates).toBe(0);
    expect(c.rejected).toBe(0);
    expect(await idsSeen(redis, prefix, stream)).toBe(written);
    expect(await pendingOf(redis, stream)).toBe(0);
    console.log(
      `F1: ${written} written at 20k/s, killed at ${killedAt.join(', ')} counted; ${c.ingested} counted`,
    );
    await last.kill('SIGTERM');
    producerConn.disconnect();
  }, 480_000);
});
