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
    // well before the reclaimer (an hour away here), which was the only way back for entries the timed-out read got
    const took = await eventually(
      async () => (await counted(admin, wf.prefix)).ingested === written && Date.now() - resumedAt,
      30_000,
    ).catch(async () => {
      const c = await counted(admin, wf.prefix);
      const groups = await admin.call('XINFO', 'GROUPS', wf.stream);
      throw new Error(
        `counted ${JSON.stringify(c)} of ${written} (${await admin.xlen(wf.stream)} in the stream) within 30 s of ` +
          `the pause ending; ${await pendingOf(admin, wf.stream)} pending; group ${JSON.stringify(groups)}; ` +
          `consumer last read ${Date.now() - wf.consumer.lastReadAt} ms ago, failing: ${wf.consumer.failing?.message}`,
      );
    });
    console.log(`F5: everything counted ${took} ms after the pause ended`);
    const c = await counted(admin, wf.prefix);
    expect(c.duplicates).toBe(0);
    expect(c.rejected).toBe(0); // piled-up re-reads once charged each a delivery: too_many_deliveries
    admin.disconnect();
    producerConn.disconnect();
  }, 60_000);
});
