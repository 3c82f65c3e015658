/**
 * F9: poison entries. A malformed entry is dead-lettered at once with its reason; an entry whose applying throws is
 * retried alone (its batch neighbours go through) and dead-lettered after `WF_MAX_DELIVERIES`; the stream never stalls.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AcceptedEvent } from '../../server/ingest/ingest-loop.js';
import { StreamConsumer } from '../../server/ingest/stream-consumer.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { counted, eventJson } from './support.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'), { WF_STREAMS: 'unused-f9' });
});
afterAll(async () => wf?.close());

describe('F9 poison entries', () => {
  it('dead-letters the malformed at once and the poison after WF_MAX_DELIVERIES, and applies the rest once', async () => {
    const stream = `f9-${wf.prefix.slice(1, 9)}`;
    const poisonIp = '10.66.6.6';
    const applied = new Map<string, number>();
    // applying throws for a batch that holds the poison event (before applying any of it)
    const sink = {
      apply(events: readonly AcceptedEvent[]) {
        if (events.some((e) => e.event.src_ip === poisonIp)) throw new Error('scoring bug on this event');
        for (const e of events) applied.set(e.ref, (applied.get(e.ref) ?? 0) + 1);
      },
    };
    const p = wf.redis.pipeline();
    for (let i = 0; i < 300; i++) p.xadd(stream, '*', 'event', eventJson(`good-${i}`, i));
    p.xadd(stream, '*', 'event', '{"ts":');
    p.xadd(
      stream,
      '*',
      'event',
      JSON.stringify({ ts: Date.now(), sensor: 's', kind: 'flow', src_ip: poisonIp, event_id: 'poison' }),
    );
    for (let i = 300; i < 600; i++) p.xadd(stream, '*', 'event', eventJson(`good-${i}`, i));
    await p.exec();
    const blocking = wf.redis.duplicate();
    const consumer = new StreamConsumer({
      redis: wf.redis,
      blocking,
      keys: wf.keys,
      sink,
      logger: pino({ level: 'silent' }),
      sources: [{ key: stream, format: 'native', field: null }],
      group: 'watchfloor',
      consumer: 'f9',
      start: '0',
      maxDeliveries: 3,
      reclaimIdleMs: 3_600_000,
      maxFutureMs: 300_000,
      segmentOf: () => 'f9',
      dedupTtlS: 600,
      batch: 100,
      blockMs: 200,
    });
    const stop = new AbortController();
    const running = consumer.run(stop.signal);
    await eventually(async () => (await counted(wf.redis, wf.prefix)).ingested === 600, 20_000);
    const dlq = await eventually(async () => {
      const all = await wf.redis.xrange(`${wf.prefix}dlq`, '-', '+');
      return all.length === 2 ? all.map(([, f]) => f[f.indexOf('reason') + 1]).sort() : undefined;
    });
    stop.abort();
    await running;
    blocking.disconnect();
    expect(dlq).toEqual(['bad_json', 'too_many_deliveries']);
    expect(applied.size).toBe(600);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    expect((await counted(wf.redis, wf.prefix)).rejected).toBe(2);
  }, 60_000);
});
