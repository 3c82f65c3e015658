/**
 * Dead letters end to end: malformed entries of every reason land in `<prefix>dlq` with the DESIGN fields while the
 * consumer goes on; an admin lists them (newest first, reason filter, paging) and re-queues them after a fix;
 * operators and leads get 403. Also `watchfloor dlq`.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RateLimiter } from '../../server/auth/rate-limit.js';
import { loadConfig } from '../../server/config.js';
import { createApp } from '../../server/http/app.js';
import { dlqRoutes } from '../../server/http/dlq-routes.js';
import type { DlqItem, DlqPage } from '../../server/ingest/dlq-admin.js';
import { DlqAdmin } from '../../server/ingest/dlq-admin.js';
import { runDlqCommand } from '../../server/ingest/dlq-command.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

const id = Math.random().toString(36).slice(2, 10);
const NATIVE = `native-${id}`;
const AUTO = `auto-${id}`;
const ZEEK = `zeek-${id}`;
let wf: TestServer;
let api: { url: string; close(): Promise<void> };
let admin: string;

/** The DLQ routes as the composition root mounts them, on this server's sessions. */
async function mountDlq(server: TestServer, streams: string): Promise<typeof api> {
  const app = createApp({
    auth: {
      sessions: server.sessions,
      apiTokens: server.apiTokens,
      tokenRate: new RateLimiter(server.redis, server.keys, { limit: 100, windowS: 60 }),
    },
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://127.0.0.1',
    trustProxy: null,
    root: [],
    api: [
      dlqRoutes(
        new DlqAdmin({
          redis: server.redis,
          keys: server.keys,
          sources: loadConfig({ WF_STREAMS: streams }).streams,
        }),
      ),
    ],
  });
  const http: Server = createServer(app).listen(0);
  await once(http, 'listening');
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

const env = (streams: string, prefix?: string) => ({
  WF_STREAMS: streams,
  WF_MAX_DELIVERIES: '1',
  WF_RECLAIM_IDLE_MS: '1000',
  ...(prefix ? { WF_PREFIX: prefix } : {}),
});
const get = async (path: string, cookie = admin) => {
  const res = await fetch(`${api.url}${path}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as DlqPage & { error?: { code: string } } };
};
const post = async (path: string, body: unknown, cookie = admin) => {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { requeued: number; failed: { id: string; message: string }[] },
  };
};
const counter = async (name: string) => Number((await wf.redis.hget(wf.keys.counters, name)) ?? 0);

const now = Date.now();
const valid = (src: string) =>
  JSON.stringify({ ts: now, sensor: 's1', kind: 'flow', src_ip: src, bytes_out: 10 });
const zeekConn = JSON.stringify({
  ts: now / 1000,
  uid: `C${id}`,
  'id.orig_h': '10.7.0.9',
  'id.resp_h': '10.7.0.1',
  proto: 'tcp',
  orig_bytes: 5,
  _path: 'conn',
});

beforeAll(async () => {
  const streams = `${NATIVE}=native,${AUTO}=auto,${ZEEK}=zeek`;
  const redisUrl = inject('redisUrl');
  // An entry delivered to a consumer that died: reclaimed once more than WF_MAX_DELIVERIES (1) allows.
  const { createRedis } = await import('../../server/redis/connections.js');
  const pre = createRedis(redisUrl, 'test-dlq-pre');
  await pre.xgroup('CREATE', NATIVE, 'watchfloor', '0', 'MKSTREAM');
  await pre.xadd(NATIVE, '*', 'event', valid('10.7.0.2'));
  await pre.call('XREADGROUP', 'GROUP', 'watchfloor', 'ghost', 'COUNT', '1', 'STREAMS', NATIVE, '>');
  await pre.quit();

  wf = await startTestServer(redisUrl, env(streams));
  api = await mountDlq(wf, streams);
  admin = await wf.userCookie('admin');
});
afterAll(async () => {
  await api?.close();
  await wf?.close();
});

describe('dead letters', () => {
  it('every reason lands in the DLQ with source, id, reason, detail, raw; the consumer goes on', async () => {
    const p = wf.redis.pipeline();
    p.xadd(NATIVE, '*', 'event', '{"ts":1,');
    p.xadd(NATIVE, '*', 'event', '[1,2]');
    p.xadd(NATIVE, '*', 'event', JSON.stringify({ ts: now, kind: 'flow', src_ip: '10.7.0.3' }));
    p.xadd(
      NATIVE,
      '*',
      'ts',
      String(now),
      'sensor',
      's',
      'kind',
      'flow',
      'src_ip',
      '10.7.0.4',
      'bytes_out',
      'lots',
    );
    p.xadd(NATIVE, '*', 'event', JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: '999.1.1.1' }));
    p.xadd(NATIVE, '*', 'event', JSON.stringify({ ts: now, sensor: 's', kind: 'login', src_ip: '10.7.0.5' }));
    p.xadd(
      NATIVE,
      '*',
      'event',
      JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: '10.7.0.6', pad: 'x'.repeat(70_000) }),
    );
    p.xadd(AUTO, '*', 'msg', '{"hello":"world"}');
    // rsyslog omhiredis writes field msg; the stream is configured for field zeek
    p.xadd(ZEEK, '*', 'msg', zeekConn);
    p.xadd(NATIVE, '*', 'event', valid('10.7.0.7'));
    const ids = ((await p.exec()) ?? []).map(([, v]) => String(v));

    const items = await eventually(async () => {
      const { body } = await get('/api/dlq?limit=100');
      return body.items.length === 10 ? body.items : undefined;
    });
    const byReason = Object.fromEntries(items.map((i) => [i.reason, i])) as Record<string, DlqItem>;
    expect(Object.keys(byReason).sort()).toEqual([
      'bad_json',
      'bad_type',
      'bad_value',
      'missing_field',
      'not_object',
      'too_large',
      'too_many_deliveries',
      'unknown_format',
      'unknown_kind',
    ]);
    expect(byReason.bad_json).toMatchObject({
      source: NATIVE,
      entryId: ids[0],
      raw: '{"ts":1,',
      detail: expect.any(String),
    });
    expect(byReason.not_object).toMatchObject({ entryId: ids[1], raw: '[1,2]' });
    expect(byReason.bad_type).toMatchObject({
      entryId: ids[3],
      detail: expect.stringContaining('bytes_out'),
    });
    expect(JSON.parse(byReason.bad_type!.raw)).toContain('lots');
    expect(byReason.unknown_kind).toMatchObject({ entryId: ids[5] });
    expect(byReason.too_large!.raw).toHaveLength(8 * 1024);
    expect(byReason.unknown_format).toMatchObject({
      source: AUTO,
      entryId: ids[7],
      raw: '{"hello":"world"}',
    });
    expect(byReason.too_many_deliveries).toMatchObject({
      source: NATIVE,
      detail: expect.stringContaining('limit 1'),
    });
    // beside the English for programs, each detail as a catalogue key and its parameters, for the admin's screen
    expect(byReason.bad_type).toMatchObject({
      key: 'dlq.not_number',
      params: { field: 'bytes_out', value: '"lots"' },
    });
    expect(byReason.not_object).toMatchObject({ key: 'dlq.not_object.array' });
    expect(byReason.unknown_format).toMatchObject({ key: 'dlq.unknown_format' });
    expect(byReason.too_many_deliveries).toMatchObject({
      key: 'dlq.delivered_times',
      params: { count: expect.any(Number), limit: 1 },
    });
    for (const i of items) expect(i.key, i.reason).toMatch(/^dlq\./);
    const missing = items.filter((i) => i.reason === 'missing_field');
    expect(missing.map((i) => i.source).sort()).toEqual([NATIVE, ZEEK].sort());
    expect(missing.find((i) => i.source === ZEEK)!.raw).toBe(JSON.stringify(['msg', zeekConn]));
    // newest first, with the time it was dead-lettered
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort(byStreamId).reverse());
    expect(Math.abs(items[0]!.at - Date.now())).toBeLessThan(60_000);
    // the consumer went on: the valid entry after the bad ones was ingested
    await eventually(async () => (await counter('ingested')) >= 1);
    expect(await counter('rejected')).toBe(10);
  });

  it('filters by reason and pages with the cursor', async () => {
    const { body: one } = await get('/api/dlq?reason=missing_field&limit=1');
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(10);
    const { body: two } = await get(`/api/dlq?reason=missing_field&limit=1&cursor=${one.nextCursor}`);
    expect(two.items).toHaveLength(1);
    expect(two.items[0]!.id).not.toBe(one.items[0]!.id);
    const { body: three } = await get(`/api/dlq?reason=missing_field&limit=1&cursor=${two.nextCursor}`);
    expect(three).toMatchObject({ items: [], nextCursor: null });
    const pages: string[] = [];
    for (let cursor = ''; ; ) {
      const { body } = await get(`/api/dlq?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...body.items.map((i) => i.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(pages).toHaveLength(10);
    expect(new Set(pages).size).toBe(10);
    // a page that ends at the oldest entry offers no cursor to an empty page
    const { body: whole } = await get('/api/dlq?limit=10');
    expect(whole).toMatchObject({ total: 10, nextCursor: null });
    expect(whole.items).toHaveLength(10);
  });

  it('refuses operators and leads (403), anonymous (401), and bad input (400)', async () => {
    const operator = await wf.userCookie('operator');
    const lead = await wf.userCookie('lead');
    expect((await get('/api/dlq', operator)).status).toBe(403);
    expect((await get('/api/dlq', lead)).status).toBe(403);
    expect((await post('/api/dlq/requeue', { all: true }, operator)).status).toBe(403);
    expect((await get('/api/dlq', '')).status).toBe(401);
    for (const q of ['reason=nope', 'limit=0', 'limit=501', 'cursor=abc']) {
      const res = await get(`/api/dlq?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('bad_request');
    }
    for (const body of [
      {},
      { all: true, reason: 'bad_json' },
      { ids: [] },
      { ids: ['x'] },
      { all: false },
      { every: true },
    ]) {
      expect((await post('/api/dlq/requeue', body)).status).toBe(400);
    }
    expect(await wf.redis.xlen(wf.keys.dlq)).toBe(10);
  });

  it('re-queues after a fix: the Zeek stream reconfigured for field msg accepts its entry', async () => {
    const prefix = wf.keys.prefix;
    await api.close();
    await wf.close();
    // The fix: WF_STREAMS names the field rsyslog writes.
    const streams = `${NATIVE}=native,${AUTO}=auto,${ZEEK}=zeek:msg`;
    wf = await startTestServer(inject('redisUrl'), env(streams, prefix));
    api = await mountDlq(wf, streams);
    const { body } = await get('/api/dlq?reason=missing_field');
    const zeekItem = body.items.find((i) => i.source === ZEEK)!;
    const ingested = await counter('ingested');
    const res = await post('/api/dlq/requeue', { ids: [zeekItem.id, '1-1'] });
    expect(res.body).toEqual({ requeued: 1, failed: [{ id: '1-1', message: 'not found' }] });
    await eventually(async () => (await counter('ingested')) === ingested + 1);
    expect(wf.live.engine.host('10.7.0.9')).not.toBeNull();
    // the re-added entry is the original record under the source's field
    const [[, fields]] = (await wf.redis.xrevrange(ZEEK, '+', '-', 'COUNT', 1)) as [[string, string[]]];
    expect(fields).toEqual(['msg', zeekConn]);

    // The reclaimed entry was valid: re-queued by reason, it is ingested.
    const byReason = await post('/api/dlq/requeue', { reason: 'too_many_deliveries' });
    expect(byReason.body).toEqual({ requeued: 1, failed: [] });
    await eventually(async () => (await counter('ingested')) === ingested + 2);
    expect((await get('/api/dlq')).body.total).toBe(8);
  });

  it('requeue all: truncated entries stay; entries rejected again come back once, not in a loop', async () => {
    const rejected = await counter('rejected');
    const res = await post('/api/dlq/requeue', { all: true });
    expect(res.body.requeued).toBe(7);
    expect(res.body.failed).toEqual([
      { id: expect.any(String), message: expect.stringMatching(/truncated/) },
    ]);
    await eventually(async () => (await counter('rejected')) === rejected + 7);
    const { body } = await get('/api/dlq');
    expect(body.total).toBe(8);
    expect(body.items.filter((i) => i.reason === 'too_large')).toHaveLength(1);
  });

  it('watchfloor dlq list and requeue use the same environment as the server', async () => {
    let out = '';
    let err = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } };
    const envVars = {
      REDIS_URL: inject('redisUrl'),
      WF_PREFIX: wf.keys.prefix,
      WF_STREAMS: `${NATIVE}=native,${AUTO}=auto,${ZEEK}=zeek:msg`,
    };
    expect(await runDlqCommand(['list', '--reason', 'bad_json', '--limit', '5'], envVars, io)).toBe(0);
    expect(out).toMatch(/^1 of 8 dead letter\(s\)\n\d+-\d+ {2}\S+Z {2}native-\S+ \d+-\d+ {2}bad_json: /);
    out = '';
    expect(await runDlqCommand(['list', '--json', '--limit', '2'], envVars, io)).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ total: 8, items: [{}, {}], nextCursor: expect.any(String) });
    out = '';
    expect(await runDlqCommand(['requeue', '--reason', 'unknown_format'], envVars, io)).toBe(0);
    expect(out).toBe('requeued 1; failed 0\n');
    expect(await runDlqCommand(['requeue', '--all', '--reason', 'bad_json'], envVars, io)).toBe(2);
    expect(await runDlqCommand(['requeue', 'nonsense'], envVars, io)).toBe(2);
    expect(await runDlqCommand(['list', '--reason', 'nope'], envVars, io)).toBe(2);
    // a bad environment is a configuration error: exit 2, as from every command and the server
    expect(await runDlqCommand(['list'], { ...envVars, WF_STREAMS: 'a=nonsense' }, io)).toBe(2);
    expect(err).toMatch(/usage: watchfloor dlq/);
    out = '';
    expect(await runDlqCommand(['requeue', '--reason', 'too_large'], envVars, io)).toBe(1);
    expect(out).toMatch(/requeued 0; failed 1\n {2}\d+-\d+: raw entry was truncated/);
  });
});

function byStreamId(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
