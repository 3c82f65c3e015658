/**
 * Watchlists and saved hunts against a real server: leads put a host, a range or a domain under watch (audited,
 * operators may not), watched hosts alert at the lower threshold through the one alert rule, and saved hunts find
 * alerts and hosts by their filters.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Observation } from '../../server/alerts/raise-tracker.js';
import { WatchlistStore } from '../../server/watch/watchlist.js';
import { API } from '../../shared/contract.js';
import { raiseAlert } from '../support/alerts.js';
import { type Caller, callChecked, send } from '../support/contract.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let lead: Caller;
let operator: Caller;
let admin: Caller;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  lead = { url: wf.url, cookie: await wf.userCookie('lead') };
  operator = { url: wf.url, cookie: await wf.userCookie('operator') };
  admin = { url: wf.url, cookie: await wf.userCookie('admin') };
});
afterAll(async () => wf?.close());

const obs = (ip: string, score: number, at: number, detector = 'volume'): Observation => ({
  entityType: 'host',
  entityId: ip,
  segment: 'health',
  score,
  at,
  reasons: [{ detector, feature: 'bytes_out', observed: 9e6, expected: 2e4, contribution: score }],
});

/** Holds a host at `score` for 5 s of event time (the raise hold is 3 s); the alert raised, or null. */
async function hold(ip: string, score: number) {
  const now = Date.now();
  // the first sample lets the watchlist's copy refresh in the background, as the product's ticks do
  await wf.alertEngine.tick([obs(ip, score, now - 1000)], now - 1000, now);
  await sleep(300);
  for (let i = 0; i <= 5; i++)
    await wf.alertEngine.tick([obs(ip, score, now + i * 1000)], now + i * 1000, now);
  const id = await wf.alerts.store.idForKey(`volume:host:${ip}`);
  return id ? wf.alerts.store.get(id) : null;
}

describe('watchlist', () => {
  it('leads add and remove entries (audited); operators read them; bad values say why', async () => {
    const added = await callChecked(lead, API.addWatch, {
      body: { kind: 'host', value: '10.60.0.5', reason: 'partner CERT tip', expiresInHours: 24 },
    });
    expect(added.entry).toMatchObject({ kind: 'host', value: '10.60.0.5', reason: 'partner CERT tip' });
    expect(added.entry.expiresAt - added.entry.createdAt).toBe(24 * 3_600_000);
    const { entries } = await callChecked(operator, API.watchlist, {});
    expect(entries.map((e) => e.id)).toContain(added.entry.id);
    const refused = await send(operator, API.addWatch, {
      body: { kind: 'host', value: '10.60.0.6', reason: 'x', expiresInHours: 1 },
    });
    expect(refused.status).toBe(403);
    // the same value twice: refused, naming the entry that holds it
    const twice = await send(lead, API.addWatch, {
      body: { kind: 'host', value: '10.60.0.5', reason: 'again', expiresInHours: 48 },
    });
    expect(twice).toMatchObject({
      status: 409,
      body: { error: { key: 'watch.exists', params: { value: '10.60.0.5', id: added.entry.id } } },
    });
    // leads adding the same value at the same moment (the store's reads and writes interleave): one entry
    const store = new WatchlistStore(wf.redis, wf.keys, wf.audit);
    const entry = { kind: 'domain', value: 'race.example', reason: 'at once', expiresInHours: 1 } as const;
    const race = await Promise.allSettled(
      [1, 2, 3, 4].map(() => store.add(entry, { name: 'lea', role: 'lead' })),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const raced = (await callChecked(operator, API.watchlist, {})).entries.filter(
      (e) => e.value === 'race.example',
    );
    expect(raced).toHaveLength(1);
    await callChecked(lead, API.removeWatch, { params: { id: raced[0]!.id } });
    const bad = await send(lead, API.addWatch, {
      body: { kind: 'cidr', value: '10.0.0.0/99', reason: 'x', expiresInHours: 1 },
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/value.*CIDR/) } },
    });
    const tooLong = await send(lead, API.addWatch, {
      body: { kind: 'domain', value: 'evil.example', reason: 'x', expiresInHours: 24 * 91 },
    });
    expect(tooLong.status).toBe(400);
    const temp = await callChecked(lead, API.addWatch, {
      body: { kind: 'domain', value: 'Temp.Example.', reason: 'short look', expiresInHours: 1 },
    });
    expect(temp.entry.value).toBe('temp.example');
    await callChecked(lead, API.removeWatch, { params: { id: temp.entry.id } });
    expect((await send(lead, API.removeWatch, { params: { id: temp.entry.id } })).status).toBe(404);
    const audit = await wf.audit.query({});
    const actions = audit.filter((r) => r.action.startsWith('watchlist.'));
    expect(actions.map((r) => r.action)).toEqual([
      'watchlist.add',
      'watchlist.add',
      'watchlist.remove',
      'watchlist.add',
      'watchlist.remove',
    ]);
    expect(actions[0]!.note).toBe('partner CERT tip');
  });

  it('drops expired entries', async () => {
    const expired = {
      id: 'Wold',
      kind: 'host',
      value: '10.60.9.9',
      reason: 'old',
      expiresAt: Date.now() - 1,
      author: 'x',
      createdAt: 1,
    };
    await wf.redis.hset(wf.keys.watchlist, 'Wold', JSON.stringify(expired));
    const { entries } = await callChecked(operator, API.watchlist, {});
    expect(entries.map((e) => e.id)).not.toContain('Wold');
    expect(await wf.redis.hexists(wf.keys.watchlist, 'Wold')).toBe(0);
  });

  it('a watched host alerts at the lower threshold (default 40), an unwatched one at the same score does not', async () => {
    expect(wf.settings.value.watchRaise).toBe(40);
    const watched = await hold('10.60.0.5', 50);
    expect(watched).toMatchObject({ state: 'open', severity: 'medium' });
    expect(await hold('10.60.0.77', 50)).toBeNull();
    // a range and a domain its events reached are watched too
    await callChecked(lead, API.addWatch, {
      body: { kind: 'cidr', value: '10.61.0.0/16', reason: 'segment of interest', expiresInHours: 24 },
    });
    expect(await hold('10.61.3.4', 45)).not.toBeNull();
    await callChecked(lead, API.addWatch, {
      body: { kind: 'domain', value: 'evil.example', reason: 'C2 domain', expiresInHours: 24 },
    });
    const dns = {
      ts: Date.now(),
      sensor: 'dns-1',
      kind: 'dns',
      src_ip: '10.62.0.8',
      segment: 'health',
      query: 'a.b.evil.example',
    };
    await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(dns));
    await eventually(async () => wf.live.engine.host('10.62.0.8') ?? undefined);
    expect(await hold('10.62.0.8', 45)).not.toBeNull();
    // below the watched threshold nothing is raised, watched or not
    expect(await hold('10.61.3.5', 35)).toBeNull();
  });

  it('the watched threshold is a setting', async () => {
    await callChecked(admin, API.saveSettings, { body: { watchRaise: 55 } });
    await callChecked(lead, API.addWatch, {
      body: { kind: 'host', value: '10.60.0.8', reason: 'tip', expiresInHours: 2 },
    });
    expect(await hold('10.60.0.8', 50)).toBeNull();
    expect(await hold('10.60.0.9', 58)).toBeNull();
    await callChecked(lead, API.addWatch, {
      body: { kind: 'host', value: '10.60.0.9', reason: 'tip', expiresInHours: 2 },
    });
    expect(await hold('10.60.0.9', 58)).not.toBeNull();
    await callChecked(admin, API.saveSettings, { body: { watchRaise: 40 } });
  });
});

describe('saved hunts', () => {
  it('leads save hunts shared with the team; each finds its alerts and hosts; removal is audited', async () => {
    const scan = await raiseAlert(wf, { ip: '10.63.0.1', score: 80, detector: 'scan', segment: 'energy' });
    await raiseAlert(wf, { ip: '10.63.0.2', score: 80, detector: 'scan', segment: 'finance' });
    await raiseAlert(wf, { ip: '10.63.0.3', score: 65, detector: 'scan', segment: 'energy' });
    const { hunt } = await callChecked(lead, API.addHunt, {
      body: {
        name: 'Scans in energy',
        filters: { segment: 'energy', detector: 'scan', minScore: 70, lastMinutes: 60 },
      },
    });
    expect((await send(operator, API.addHunt, { body: { name: 'x', filters: {} } })).status).toBe(403);
    const bad = await send(lead, API.addHunt, { body: { name: 'x', filters: { lastMinutes: 5, from: 1 } } });
    expect(bad.status).toBe(400);
    const { hunts } = await callChecked(operator, API.hunts, {});
    const listed = hunts.find((h) => h.id === hunt.id)!;
    expect(listed).toMatchObject({ name: 'Scans in energy', author: expect.stringMatching(/^lead-/) });
    expect(listed.counts.alerts).toBe(1);
    const results = await callChecked(operator, API.hunt, { params: { id: hunt.id } });
    expect(results.alerts.map((a) => a.id)).toEqual([scan.id]);
    const old = await callChecked(lead, API.addHunt, {
      body: { name: 'Before', filters: { segment: 'energy', from: 1, to: 2 } },
    });
    expect((await callChecked(operator, API.hunt, { params: { id: old.hunt.id } })).counts.alerts).toBe(0);
    await callChecked(lead, API.removeHunt, { params: { id: hunt.id } });
    expect((await send(operator, API.hunt, { params: { id: hunt.id } })).status).toBe(404);
    const audit = await wf.audit.query({});
    expect(audit.filter((r) => r.action.startsWith('hunt.')).map((r) => r.action)).toEqual([
      'hunt.create',
      'hunt.create',
      'hunt.delete',
    ]);
  });

  it('finds scored hosts and their events by technique and feed', async () => {
    const event = {
      ts: Date.now(),
      sensor: 's',
      kind: 'flow',
      src_ip: '10.64.0.1',
      segment: 'energy',
      dst_ip: '198.51.100.1',
    };
    await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(event));
    await eventually(async () => wf.live.engine.host('10.64.0.1') ?? undefined);
    const { hunt } = await callChecked(lead, API.addHunt, {
      body: { name: 'anything scored', filters: { segment: 'energy', lastMinutes: 60 } },
    });
    const results = await callChecked(operator, API.hunt, { params: { id: hunt.id } });
    // only scored hosts (score ≥ 1) are hunted: a single ordinary event scores nothing
    expect(results.hosts.every((h) => h.segment === 'energy' && h.score >= 1)).toBe(true);
    expect(results.events.every((e) => e.segment === 'energy')).toBe(true);
    const byTechnique = await callChecked(lead, API.addHunt, {
      body: { name: 'C2', filters: { technique: 'T1071', feed: 'no-such-feed' } },
    });
    expect((await callChecked(operator, API.hunt, { params: { id: byTechnique.hunt.id } })).counts).toEqual({
      alerts: 0,
      hosts: 0,
      events: 0,
    });
  });
});
