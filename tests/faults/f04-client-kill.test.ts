/**
 * F4: `CLIENT KILL` of the consumer's blocking connection during a read. The loop reconnects and resumes within
 * 5 s; entries the killed read may have been given are re-read from this consumer's pending list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../support/redis-server.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { counted, idsSeen, pendingOf, sleep, steadyProducer } from './support.js';

let redis: TestRedis;
let wf: TestServer;
beforeAll(async () => {
  redis = await TestRedis.start();
  wf = await startTestServer(redis.url, { WF_RECLAIM_IDLE_MS: '3600000' });
});
afterAll(async () => {
  await wf?.close();
  await redis?.stop();
});

describe('F4 CLIENT KILL of the blocking connection', () => {
  it('resumes within 5 s and loses nothing', async () => {
    const admin = redis.client();
    const producerConn = redis.client();
    await eventually(async () => wf.consumer.lastReadAt > 0);
    const producer = steadyProducer(producerConn, wf.stream, 'f4', 2_000);
    const resumed: number[] = [];
    for (let i = 0; i < 3; i++) {
      await sleep(1_000);
      const list = String(await admin.call('CLIENT', 'LIST'));
      const line = list.split('\n').find((l) => l.includes('name=watchfloor:consumer'));
      expect(line).toBeDefined();
      const killedAt = Date.now();
      await admin.call('CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]!);
      const before = (await counted(admin, wf.prefix)).ingested;
      resumed.push(
        await eventually(
          async () => (await counted(admin, wf.prefix)).ingested > before + 100 && Date.now() - killedAt,
          10_000,
          20,
        ),
      );
    }
    const written = await producer.stop();
    await eventually(async () => (await counted(admin, wf.prefix)).ingested === written, 30_000);
    const c = await counted(admin, wf.prefix);
    expect(c.duplicates).toBe(0);
    expect(await idsSeen(admin, wf.prefix, wf.stream)).toBe(written);
    expect(await pendingOf(admin, wf.stream)).toBe(0);
    expect(Math.max(...resumed)).toBeLessThan(5_000);
    console.log(
      `F4: consuming again ${resumed.join(', ')} ms after each kill; ${written} written, ${c.ingested} counted`,
    );
    admin.disconnect();
    producerConn.disconnect();
  }, 60_000);
});
