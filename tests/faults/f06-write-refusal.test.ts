/**
 * F6: Redis refuses writes (maxmemory reached). Entries read just before the refusal are not acknowledged without
 * their effect, are not dead-lettered as too_many_deliveries (a delivery that failed because Watchfloor could not
 * record its effect is not the entry's fault), and are counted once when writes resume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/schemas/frame.js';
import { TestRedis } from '../support/redis-server.js';
import { eventually, startTestServer, type TestServer, waitFor } from '../support/server.js';
import { counted, eventJson, pendingOf, sleep } from './support.js';

let redis: TestRedis;
let wf: TestServer;
beforeAll(async () => {
  redis = await TestRedis.start();
  // a short reclaim idle and few deliveries: the old reclaimer dead-lettered the held entries within seconds
  wf = await startTestServer(redis.url, { WF_RECLAIM_IDLE_MS: '1000', WF_MAX_DELIVERIES: '3' });
});
afterAll(async () => {
  await wf?.close();
  await redis?.stop();
});

describe('F6 Redis refuses writes', () => {
  it('holds the entries it read while writes are refused and counts them once when writes resume', async () => {
    const admin = redis.client();
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    await eventually(async () => wf.consumer.lastReadAt > 0);
    // six events and the refusal in one transaction: the blocked read takes the events, then every write fails
    const m = admin.multi();
    for (let i = 0; i < 6; i++) m.xadd(wf.stream, '*', 'event', eventJson(`oom-${i}`, i));
    m.config('SET', 'maxmemory', '1');
    await m.exec();
    const refusedAt = Date.now();
    // the screens say why at once: the next frames carry the refusal
    const frame = await waitFor<Frame>(socket, 'frame', (f) => /OOM/.test(f.stats?.ingestError ?? ''), 5_000);
    console.log(
      `F6: frames said "${frame.stats?.ingestError}" ${Date.now() - refusedAt} ms after the refusal began`,
    );
    await sleep(12_000 - (Date.now() - refusedAt));
    expect((await counted(admin, wf.prefix)).ingested).toBe(0);
    expect(await pendingOf(admin, wf.stream)).toBe(6); // held, not acknowledged without its effect
    await admin.config('SET', 'maxmemory', '0');

    await eventually(async () => (await counted(admin, wf.prefix)).ingested === 6, 15_000).catch(async () => {
      throw new Error(`counted ${JSON.stringify(await counted(admin, wf.prefix))}`);
    });
    const c = await counted(admin, wf.prefix);
    expect(c.rejected).toBe(0);
    expect(await admin.xlen(`${wf.prefix}dlq`)).toBe(0);
    expect(await pendingOf(admin, wf.stream)).toBe(0);
    // the system alert could not be stored while writes were refused; it is stored once they resume
    await eventually(
      async () => (await wf.alerts.store.unresolved()).find((a) => a.entity.id === 'ingest-stalled'),
      20_000,
    );
    await waitFor<Frame>(socket, 'frame', (f) => !f.stats?.ingestError, 5_000);
    admin.disconnect();
  }, 60_000);
});
