/**
 * Intelligence feeds in a running server: a STIX bundle file, a MISP feed over HTTP and a bare list load; a matching
 * event becomes an alert with an `intel` reason and its techniques, found by the technique and tactic filters; a feed
 * that breaks keeps its previous contents, says why and raises a system alert until it loads again, naming a feed URL
 * without its key.
 */
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/contract.js';
import { callChecked, send } from '../support/contract.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

const FIXTURES = join(__dirname, '../fixtures/intel');
let dir: string;
let feedServer: Server;
let wf: TestServer;
let redis: Redis;
let admin: string;
let feedBase: string;
/** A partner's list behind a key in its query; it fails while `listFails`. */
const FEED_KEY = 'FEEDSECRET123';
let listFails = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wf-intel-'));
  cpSync(FIXTURES, dir, { recursive: true });
  // the MISP feed is served over HTTP, as a partner's MISP instance publishes it
  feedServer = createServer((req, res) => {
    if (req.url?.startsWith('/feeds/list.txt')) {
      res.statusCode = listFails || req.url !== `/feeds/list.txt?apikey=${FEED_KEY}` ? 500 : 200;
      res.end('# nothing listed yet\n');
      return;
    }
    const name = (req.url ?? '').replace(/^\/feed\//, '');
    try {
      res.end(readFileSync(join(dir, 'misp', name)));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  feedServer.listen(0, '127.0.0.1');
  await once(feedServer, 'listening');
  feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  const mispUrl = `${feedBase}/feed`;
  wf = await startTestServer(inject('redisUrl'), {
    WF_INTEL: `stix:${join(dir, 'samples-bundle.json')},misp:${mispUrl},${join(dir, 'blocklist.txt')},list:${feedBase}/feeds/list.txt?apikey=${FEED_KEY}`,
    WF_INTEL_REFRESH_S: '3600',
  });
  redis = new Redis(inject('redisUrl'));
  admin = await wf.userCookie('admin');
});
afterAll(async () => {
  await wf?.close();
  redis?.disconnect();
  feedServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const status = () => callChecked({ url: wf.url, cookie: admin }, API.intel, {});
/** A live flow from a lab host, as a sensor writes it. */
const flowTo = (src: string, dst: string, port: number, id: string) =>
  redis.xadd(
    wf.stream,
    '*',
    'event',
    JSON.stringify({
      ts: Date.now(),
      sensor: 's1',
      kind: 'flow',
      src_ip: src,
      dst_ip: dst,
      dst_port: port,
      segment: 'lab',
      event_id: id,
    }),
  );

describe('intelligence feeds', () => {
  it('loads each feed, recognises the bare one, counts expired and lists skipped; admins only', async () => {
    const st = await status();
    expect(st.feeds.map((f) => [f.name, f.state, f.indicators, f.expired, f.skipped])).toEqual([
      ['samples-bundle.json', 'ok', 2, 2, 1],
      ['feed', 'ok', 3, 1, 2],
      ['blocklist.txt', 'ok', 7, 0, 1],
      ['list.txt', 'ok', 0, 0, 0],
    ]);
    expect(st.feeds[2]!.recognisedAs).toBe('list');
    expect(st.feeds[0]!.skippedList[0]!.why).toMatch(/not matched/);
    expect(st.observables).toBe(4 + 3 + 7);
    const operator = await wf.userCookie('operator');
    expect((await send({ url: wf.url, cookie: operator }, API.intel, {})).status).toBe(403);
  });

  it('a live event to a known C2 becomes an intel alert with its techniques, found by technique and tactic', async () => {
    await flowTo('10.9.9.9', '135.148.121.246', 8080, 'c2-1');
    const lead = await wf.userCookie('lead');
    const list = (query: Record<string, string>) =>
      callChecked({ url: wf.url, cookie: lead }, API.alerts, { query });
    const alert = await eventually(async () =>
      (await list({})).alerts.find((a) => a.entity.id === '10.9.9.9'),
    );
    const reason = alert.reasons.find((r) => r.detector === 'intel')!;
    expect(reason.intel).toMatchObject({
      indicator: '135.148.121.246',
      field: 'dst_ip',
      feed: 'feed',
      id: '6a2d3e4f-5c6b-4d7e-9f80-a1b2c3d4e502',
      confidence: 85,
    });
    expect(reason.attack).toEqual(['T1071.001']);
    expect(reason.examples?.length).toBe(1);
    const ids = async (q: Record<string, string>) => (await list(q)).alerts.map((a) => a.id);
    expect(await ids({ technique: 'T1071' })).toContain(alert.id);
    expect(await ids({ tactic: 'command-and-control' })).toContain(alert.id);
    expect(await ids({ technique: 'T1046' })).not.toContain(alert.id);
    expect(
      (await send({ url: wf.url, cookie: lead }, API.alerts, { query: { technique: 'T99' } })).status,
    ).toBe(400);
  });

  it('one match on an indicator of confidence 90 is a critical alert: the hold before the raise counts in its peak', async () => {
    await flowTo('10.9.9.10', '198.51.100.7', 443, 'c2-90');
    const lead = await wf.userCookie('lead');
    const alert = await eventually(async () =>
      (await callChecked({ url: wf.url, cookie: lead }, API.alerts, { query: {} })).alerts.find(
        (a) => a.entity.id === '10.9.9.10',
      ),
    );
    expect(alert.reasons[0]).toMatchObject({ detector: 'intel', intel: { confidence: 90 } });
    expect(alert.peakScore).toBeGreaterThanOrEqual(89.5);
    expect(alert.severity).toBe('critical');
  });

  it('a feed that breaks keeps its contents, says why and raises a system alert; it recovers on refresh', async () => {
    const bundle = join(dir, 'samples-bundle.json');
    const good = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, '{"type": "bundle", "objects": [');
    const broken = await callChecked({ url: wf.url, cookie: admin }, API.intelRefresh, {});
    expect(broken.feeds[0]).toMatchObject({
      state: 'error',
      error: expect.stringMatching(/not JSON/),
      indicators: 2,
    });
    expect(broken.observables).toBe(14);
    const lead = await wf.userCookie('lead');
    await eventually(async () =>
      (await callChecked({ url: wf.url, cookie: lead }, API.alerts, { query: {} })).alerts.find(
        (a) => a.entity.id === 'intel-feed:samples-bundle.json',
      ),
    );
    writeFileSync(bundle, good);
    const fixed = await callChecked({ url: wf.url, cookie: admin }, API.intelRefresh, {});
    expect(fixed.feeds[0]).toMatchObject({ state: 'ok' });
    expect(fixed.feeds[0]!.error).toBeUndefined();
  });

  it("a feed URL's key is never in its system alert, which operators and the wall see; the admin's status keeps the location", async () => {
    listFails = true;
    try {
      const broken = await callChecked({ url: wf.url, cookie: admin }, API.intelRefresh, {});
      expect(broken.feeds[3]).toMatchObject({
        state: 'error',
        error: `${feedBase}/feeds/…: HTTP 500`,
        location: `${feedBase}/feeds/list.txt?apikey=${FEED_KEY}`,
      });
      const operator = { url: wf.url, cookie: await wf.userCookie('operator') };
      const alert = await eventually(async () =>
        (await callChecked(operator, API.alerts, { query: {} })).alerts.find(
          (a) => a.entity.id === 'intel-feed:list.txt',
        ),
      );
      expect(alert.reasons[0]!.feature).toBe(`feed_failed: ${feedBase}/feeds/…: HTTP 500`);
      expect(JSON.stringify(alert)).not.toContain(FEED_KEY);
    } finally {
      listFails = false;
    }
    expect((await callChecked({ url: wf.url, cookie: admin }, API.intelRefresh, {})).feeds[3]!.state).toBe(
      'ok',
    );
  });
});
