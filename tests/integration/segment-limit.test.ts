/**
 * Producers naming new segments past `WF_MAX_SEGMENTS`: those events are dead-lettered (`bad_value`, requeueable),
 * the segments already sending go on, and the frames carry no more segments than the limit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame } from '../../shared/schemas/frame.js';
import { eventually, startTestServer, type TestServer, waitFor } from '../support/server.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'), { WF_MAX_SEGMENTS: '5' });
});
afterAll(async () => wf?.close());

describe('the segment limit', () => {
  it('dead-letters the events of new segments past it and keeps the frames to it', async () => {
    const flow = (segment: string, ip: string) =>
      JSON.stringify({ ts: Date.now(), sensor: 's', kind: 'flow', src_ip: ip, segment });
    const p = wf.redis.pipeline();
    for (let i = 0; i < 40; i++) p.xadd(wf.stream, '*', 'event', flow(`flood-${i}`, `10.50.0.${i + 1}`));
    await p.exec();
    const dead = await eventually(async () => {
      const e = await wf.redis.xrange(`${wf.prefix}dlq`, '-', '+');
      return e.length === 35 ? e : undefined;
    });
    for (const [, f] of dead) {
      expect(f[f.indexOf('reason') + 1]).toBe('bad_value');
      expect(f[f.indexOf('detail') + 1]).toMatch(
        /^segment: "flood-\d+" is new and 5 segments are sending already/,
      );
    }
    expect(await wf.redis.hget(`${wf.prefix}counters`, 'ingested')).toBe('5');
    // a segment let in goes on; an event without a segment (unassigned) is never refused
    await wf.redis.xadd(wf.stream, '*', 'event', flow('flood-0', '10.50.0.1'));
    await wf.redis.xadd(
      wf.stream,
      '*',
      'event',
      JSON.stringify({ ts: Date.now(), sensor: 's', kind: 'flow', src_ip: '192.0.2.1' }),
    );
    await eventually(async () => (await wf.redis.hget(`${wf.prefix}counters`, 'ingested')) === '7');
    const socket = wf.socket(await wf.userCookie('operator'));
    const frame = await waitFor<Frame>(socket, 'frame', (f) => f.segments.length > 0);
    expect(frame.segments.length).toBeLessThanOrEqual(6);
    expect(frame.segments.map((s) => s.segment)).toContain('flood-0');
    socket.disconnect();
  });
});
