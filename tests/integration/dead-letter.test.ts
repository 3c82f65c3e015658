/** Malformed entries go to the dead-letter stream with a reason; the consumer goes on. */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StreamConsumer } from '../../server/ingest/stream-consumer.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
});
afterAll(async () => wf?.close());

describe('dead letters', () => {
  it('dead-letters each malformed entry with source, id, reason, detail and raw, and goes on', async () => {
    const now = Date.now();
    const good = JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: '10.0.0.1', segment: 'dlq' });
    const bad: [string, string[]][] = [
      ['bad_json', ['event', '{"ts":']],
      ['not_object', ['event', '"text"']],
      ['missing_field', ['event', JSON.stringify({ ts: now, kind: 'flow', src_ip: '10.0.0.1' })]],
      [
        'bad_type',
        ['event', JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: '10.0.0.1', bytes_out: 'x' })],
      ],
      ['bad_value', ['event', JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: 'nope' })]],
      [
        'unknown_kind',
        ['event', JSON.stringify({ ts: now, sensor: 's', kind: 'syslog', src_ip: '10.0.0.1' })],
      ],
      ['too_large', ['event', 'x'.repeat(70_000)]],
    ];
    const ids: Record<string, string> = {};
    for (const [reason, fields] of bad) {
      ids[reason] = (await wf.redis.xadd(wf.stream, '*', ...fields))!;
      await wf.redis.xadd(wf.stream, '*', 'event', good);
    }
    const entries = await eventually(async () => {
      const e = await wf.redis.xrange(`${wf.prefix}dlq`, '-', '+');
      return e.length === bad.length ? e : undefined;
    });
    for (const [, fields] of entries) {
      const f = Object.fromEntries(
        fields.reduce<[string, string][]>((acc, v, i, a) => (i % 2 ? acc : [...acc, [v, a[i + 1]!]]), []),
      );
      expect(f.source).toBe(wf.stream);
      expect(f.id).toBe(ids[f.reason!]);
      expect(f.detail!.length).toBeGreaterThan(0);
      expect(f.raw!.length).toBeLessThanOrEqual(8 * 1024);
    }
    expect(entries.map(([, f]) => f[f.indexOf('reason') + 1]).sort()).toEqual(bad.map(([r]) => r).sort());
    await eventually(
      async () => Number(await wf.redis.hget(`${wf.prefix}counters`, 'ingested')) === bad.length,
    );
    expect(await wf.redis.hget(`${wf.prefix}counters`, 'rejected')).toBe(String(bad.length));
    expect(await wf.redis.hget(`${wf.prefix}counters`, 'rejected:bad_json')).toBe('1');
    const pending = (await wf.redis.xpending(wf.stream, 'watchfloor')) as [number];
    expect(pending[0]).toBe(0);
  });

  it('dead-letters an entry delivered more than WF_MAX_DELIVERIES times', async () => {
    const stream = `${wf.stream}-poison`;
    await wf.redis.xgroup('CREATE', stream, 'watchfloor', '0', 'MKSTREAM');
    const id = await wf.redis.xadd(
      stream,
      '*',
      'event',
      JSON.stringify({ ts: Date.now(), sensor: 's', kind: 'flow', src_ip: '10.0.0.9' }),
    );
    // three consumers that read it and die without acknowledging
    for (const c of ['dead1', 'dead2', 'dead3']) {
      await wf.redis.xreadgroup('GROUP', 'watchfloor', c, 'STREAMS', stream, c === 'dead1' ? '>' : '0');
      if (c !== 'dead3')
        await wf.redis.xclaim(stream, 'watchfloor', c === 'dead1' ? 'dead2' : 'dead3', 0, id!);
    }
    const blocking = wf.redis.duplicate();
    const consumer = new StreamConsumer({
      blocking,
      redis: wf.redis,
      keys: wf.keys,
      sources: [{ key: stream, format: 'native', field: null }],
      group: 'watchfloor',
      consumer: 'rescuer',
      start: '0',
      maxDeliveries: 2,
      reclaimIdleMs: 0,
      maxFutureMs: 300_000,
      segmentOf: () => 'poison',
      sink: { apply: () => {} },
      logger: pino({ level: 'silent' }),
      batch: 500,
      blockMs: 200,
      dedupTtlS: 600,
    });
    // the takeover claims it (no delivery counted); the loop then re-reads it as its own and refuses it
    expect(await consumer.reclaimAll()).toBe(1);
    const stop = new AbortController();
    const running = consumer.run(stop.signal);
    const dlq = await eventually(async () => {
      const all = await wf.redis.xrange(`${wf.prefix}dlq`, '-', '+');
      return all.some(([, f]) => f.includes(id!)) ? all : undefined;
    });
    stop.abort();
    await running;
    blocking.disconnect();
    const last = dlq.at(-1)![1];
    expect(last[last.indexOf('reason') + 1]).toBe('too_many_deliveries');
    expect(last[last.indexOf('id') + 1]).toBe(id);
  });
});
