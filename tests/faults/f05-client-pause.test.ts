/**
 * F5: Redis stalls (`CLIENT PAUSE 10000`). The blocking read's watchdog gives up locally while Redis still holds
 * the XREADGROUP; the entries Redis then delivers to it are re-read at once from this consumer's pending list, not
 * left for the reclaimer (here an hour away).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../support/redis-server.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { counted, pendingOf, produce, sleep, steadyProducer } from './support.js';

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

describe('F5 Redis paused for 10 s', () => {
  it('does not crash, and reads everything written within seconds of the pause ending', async () => {
    const admin = redis.client();
    const producerConn = redis.client();
    await eventually(async () => wf.consumer.lastReadAt > 0);
    await produce(producerConn, wf.stream, 'warm', 100);
    await eventually(async () => (await counted(admin, wf.prefix)).ingested === 100);

    const producer = steadyProducer(producerConn, wf.stream, 'steady', 200);
    await sleep(500);
    await admin.call('CLIENT', 'PAUSE', '10000');
    const resumedAt = Date.now() + 10_000;
    await sleep(11_000);
    const written = 100 + (await producer.stop());
    expect(producer.failures).toBe(0);
    const took = await eventually(
      async () => (await counted(admin, wf.prefix)).ingested === written && Date.now() - resumedAt,
      8_000,
    ).catch(async () => {
      throw new Error(
        `counted ${(await counted(admin, wf.prefix)).ingested} of ${written} within 8 s of the pause ending; ` +
          `${await pendingOf(admin, wf.stream)} pending`,
      );
    });
    expect(took).toBeLessThan(8_000);
    expect((await counted(admin, wf.prefix)).duplicates).toBe(0);
    admin.disconnect();
    producerConn.disconnect();
  }, 60_000);
});
