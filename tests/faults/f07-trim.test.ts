/**
 * F7: the producer trims past unread entries. `lostToTrim` counts them exactly and a system alert is raised, also
 * when the trim happened while Watchfloor was down (a restart or a deploy: the case the sizing advice is about).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { counted, produce, sleep } from './support.js';

let wf: TestServer | undefined;
afterAll(async () => wf?.close());

describe('F7 producer trims past unread entries', () => {
  it('counts and alarms a trim that happened while Watchfloor was down', async () => {
    const first = await startTestServer(inject('redisUrl'));
    const { prefix, stream, redis } = first;
    await eventually(async () => first.consumer.lastReadAt > 0);
    await produce(redis, stream, 'up', 100);
    await eventually(async () => (await counted(redis, prefix)).ingested === 100);
    await sleep(1_500); // a stats sample while nothing is lost
    const admin = redis.duplicate();
    await first.close();

    await produce(admin, stream, 'down', 500);
    await admin.xtrim(stream, 'MAXLEN', 200); // 300 of the 500 unread entries are gone
    wf = await startTestServer(inject('redisUrl'), { WF_PREFIX: prefix, WF_STREAMS: stream });
    await eventually(async () => (await counted(admin, prefix)).ingested === 300).catch(async () => {
      throw new Error(`counted ${JSON.stringify(await counted(admin, prefix))}`);
    });
    await eventually(async () => wf!.live.currentStats().lostToTrim === 300);
    const alert = await eventually(
      async () => (await wf!.alerts.store.unresolved()).find((a) => a.entity.id === 'trimmed-before-read'),
      20_000,
    );
    expect(alert.reasons[0]!.observed).toBe(300);
    admin.disconnect();
  }, 60_000);
});
