/**
 * F8: the input stream is deleted (`DEL`) while it is read. The producer writes on at once, so a new stream exists
 * before Watchfloor notices; the group is recreated at the new stream's start (not at `$`, which skipped every entry
 * written in between), it is logged and alarmed, and consumption continues.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { counted, produce } from './support.js';

let wf: TestServer;
beforeAll(async () => {
  // `$` is the production default: a recreated group started at `$` lost what was written before it
  wf = await startTestServer(inject('redisUrl'), { WF_START: '$' });
});
afterAll(async () => wf?.close());

describe('F8 input stream deleted while read', () => {
  it('reads every entry written after the DEL, logs and alarms it, and goes on', async () => {
    await eventually(async () => wf.consumer.lastReadAt > 0);
    await produce(wf.redis, wf.stream, 'before', 100);
    await eventually(async () => (await counted(wf.redis, wf.prefix)).ingested === 100);

    // the deletion and the producer's next 1,010 entries land before the consumer's next read
    const m = wf.redis.multi().del(wf.stream);
    for (let i = 0; i < 1010; i++)
      m.xadd(
        wf.stream,
        '*',
        'event',
        JSON.stringify({
          ts: Date.now(),
          sensor: 's',
          kind: 'flow',
          src_ip: '10.8.0.1',
          event_id: `gap-${i}`,
        }),
      );
    await m.exec();
    await produce(wf.redis, wf.stream, 'after', 90);

    await eventually(async () => (await counted(wf.redis, wf.prefix)).ingested >= 1200, 20_000).catch(
      async () => {
        throw new Error(`counted ${JSON.stringify(await counted(wf.redis, wf.prefix))} of 1,200 written`);
      },
    );
    const c = await counted(wf.redis, wf.prefix);
    expect(c.ingested).toBe(1200);
    expect(c.duplicates).toBe(0);
    // nothing was unread when the stream went, so nothing is counted lost
    expect(c.lostToDelete).toBe(0);
    const alert = await eventually(
      async () => (await wf.alerts.store.unresolved()).find((a) => a.entity.id === 'input-stream-deleted'),
      20_000,
    );
    expect(alert.entity.type).toBe('system');
  }, 60_000);
});
