/** XADD → consumer → scoring → an authenticated socket.io client sees frames that reflect the events. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Snapshot } from '../../shared/schemas/frame.js';
import { eventually, startTestServer, type TestServer, waitFor } from '../support/server.js';

let wf: TestServer;
let cookie: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  cookie = await wf.userCookie('operator');
});
afterAll(async () => wf?.close());

describe('live pipeline', () => {
  it('sends a snapshot on connect, then frames with the events written to the stream', async () => {
    const socket = wf.socket(cookie);
    const snapshot = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snapshot.tickMs).toBe(200);
    const now = Date.now();
    const p = wf.redis.pipeline();
    for (let i = 0; i < 30; i++) {
      const ev = {
        ts: now,
        sensor: 'sur-1',
        kind: 'flow',
        src_ip: `10.9.0.${i % 5}`,
        segment: 'energy',
        bytes_out: 1000,
      };
      p.xadd(wf.stream, '*', 'event', JSON.stringify(ev));
    }
    // flat field/value pairs are accepted too
    p.xadd(
      wf.stream,
      '*',
      'ts',
      String(now),
      'sensor',
      'zeek-1',
      'kind',
      'dns',
      'src_ip',
      '10.9.0.1',
      'segment',
      'energy',
      'query',
      'example.org',
    );
    await p.exec();
    const frame = await waitFor<Frame>(socket, 'frame', (f) => {
      const energy = f.points.filter((pt) => pt.segment === 'energy' && pt.t === now - (now % 1000));
      return energy.some((pt) => pt.events === 31);
    });
    const point = frame.points.find((pt) => pt.segment === 'energy' && pt.events === 31)!;
    expect(point.byKind).toEqual({ flow: 30, ids: 0, dns: 1, auth: 0 });
    expect(point.bytesOut).toBe(30_000);
    expect(frame.stats?.applied).toBeGreaterThanOrEqual(31);
    expect(frame.segments.map((s) => s.segment)).toContain('energy');
  });

  it('answers resync with a snapshot holding the series', async () => {
    const socket = wf.socket(cookie);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const answer = await socket.timeout(5000).emitWithAck('resync', {});
    expect(answer.ok).toBe(true);
    if (answer.ok)
      expect(
        answer.data.series.some(
          (p: { segment: string; events: number }) => p.segment === 'energy' && p.events > 0,
        ),
      ).toBe(true);
  });

  it("reads back the events a reason's examples name, from the stream they came in on", async () => {
    const ev = {
      ts: Date.now(),
      sensor: 'zeek-9',
      kind: 'dns',
      src_ip: '10.8.0.9',
      segment: 'health',
      query: 'x.example',
    };
    const id = await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(ev));
    const q = `ref=${encodeURIComponent(`${wf.stream}/${id}`)}&ref=evt-unknown&ref=${encodeURIComponent(`${wf.stream}/1-0`)}`;
    const res = await fetch(`${wf.url}/api/events?${q}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { ref: string; event: Record<string, unknown> | null }[] };
    expect(body.events[0]).toMatchObject({
      ref: `${wf.stream}/${id}`,
      event: { kind: 'dns', query: 'x.example', src_ip: '10.8.0.9' },
    });
    expect(body.events.slice(1).map((e) => e.event)).toEqual([null, null]);
    expect((await fetch(`${wf.url}/api/events`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${wf.url}/api/events?${q}`)).status).toBe(401);
  });

  it('counts the same event_id once', async () => {
    const ev = {
      ts: Date.now(),
      sensor: 's',
      kind: 'auth',
      src_ip: '10.8.0.1',
      segment: 'health',
      outcome: 'failure',
      event_id: 'dup-1',
    };
    const before = Number((await wf.redis.hget(`${wf.prefix}counters`, 'duplicates')) ?? 0);
    await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(ev));
    await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(ev));
    await eventually(
      async () => Number((await wf.redis.hget(`${wf.prefix}counters`, 'duplicates')) ?? 0) === before + 1,
    );
  });

  it('reports counters in /api/stats and /metrics', async () => {
    const stats = await eventually(async () => {
      const res = await fetch(`${wf.url}/api/stats`, { headers: { cookie } });
      const body = (await res.json()) as { ingested: number };
      return body.ingested >= 32 ? body : undefined;
    });
    expect(stats).toMatchObject({
      rejected: expect.any(Number),
      lag: expect.any(Number),
      clients: expect.any(Number),
    });
    const admin = await wf.userCookie('admin');
    const metrics = await (await fetch(`${wf.url}/metrics`, { headers: { cookie: admin } })).text();
    expect(metrics).toMatch(/wf_ingested_total \d+/);
    expect(metrics).toMatch(/wf_group_lag/);
  });

  it('serves series history beyond the live buffer', async () => {
    const body = await eventually(async () => {
      const res = await fetch(`${wf.url}/api/series?segment=energy&from=${Date.now() - 60_000}`, {
        headers: { cookie },
      });
      const b = (await res.json()) as { points: { events: number }[] };
      return b.points.some((p) => p.events > 0) ? b : undefined;
    });
    expect(body.points.reduce((n, p) => n + p.events, 0)).toBeGreaterThanOrEqual(31);
    const bad = await fetch(`${wf.url}/api/series?from=abc`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: 'bad_request',
        message: expect.any(String),
        key: 'dlq.expected.number',
        params: { field: 'from' },
      },
    });
  });
});
