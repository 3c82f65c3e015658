/**
 * Watch marks on the wall, decided on the server: frames and snapshots say which hosts already on a screen (top
 * hosts, unresolved alerts' hosts, within its segments) are watched, and how; a segment-limited display token learns
 * nothing of a watched host in another segment, and reads no watchlist.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/contract.js';
import type { Frame, Snapshot } from '../../shared/schemas/frame.js';
import type { WatchedHost } from '../../shared/schemas/watch-mark.js';
import { raiseAlert } from '../support/alerts.js';
import { callChecked } from '../support/contract.js';
import { eventually, startTestServer, type TestServer, waitFor } from '../support/server.js';

let wf: TestServer;
let admin: string;

const WATCHED_A = '10.81.0.5'; // alpha, watched by address
const DOMAIN_A = '10.81.0.9'; // alpha, reached a watched domain
const PLAIN_A = '10.81.0.6'; // alpha, not watched
const WATCHED_B = '10.82.0.7'; // bravo, in a watched range
const REASON = 'partner CERT: bravo range beaconing';

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  admin = await wf.userCookie('admin');
  const lead = { url: wf.url, cookie: await wf.userCookie('lead') };
  for (const [kind, value] of [
    ['host', WATCHED_A],
    ['cidr', '10.82.0.0/16'],
    ['domain', 'c2-wallwatch.example'],
  ] as const) {
    await callChecked(lead, API.addWatch, { body: { kind, value, reason: REASON, expiresInHours: 2 } });
  }
  await wf.redis.xadd(
    wf.stream,
    '*',
    'event',
    JSON.stringify({
      ts: Date.now(),
      sensor: 's',
      kind: 'dns',
      src_ip: DOMAIN_A,
      segment: 'alpha',
      query: 'beacon.c2-wallwatch.example',
    }),
  );
  await eventually(async () => (wf.live.engine.host(DOMAIN_A)?.recent.length ?? 0) > 0);
  for (const [ip, segment] of [
    [WATCHED_A, 'alpha'],
    [DOMAIN_A, 'alpha'],
    [PLAIN_A, 'alpha'],
    [WATCHED_B, 'bravo'],
  ] as const) {
    await raiseAlert(wf, { ip, segment, score: 80 });
  }
});
afterAll(async () => wf?.close());

const sorted = (w: readonly WatchedHost[] | undefined) =>
  [...(w ?? [])].sort((a, b) => a.ip.localeCompare(b.ip));

describe('watch marks in frames and snapshots', () => {
  it('a wall limited to segment alpha sees its watched hosts, and nothing of bravo nor of the watchlist', async () => {
    const { secret } = await wf.createDisplayToken(admin, { label: 'alpha wall', segments: ['alpha'] });
    const socket = wf.wallSocket(secret);
    const snap = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    const alpha = [
      { ip: WATCHED_A, segment: 'alpha', kind: 'host' },
      { ip: DOMAIN_A, segment: 'alpha', kind: 'domain' },
    ];
    expect(sorted(snap.watched)).toEqual(alpha);
    const frame = await waitFor<Frame>(socket, 'frame', (f) => (f.watched?.length ?? 0) >= 2);
    expect(sorted(frame.watched)).toEqual(alpha);
    // a few more frames: never a word of the other segment, the range, the domain or the reason
    const frames = [frame];
    for (let i = 0; i < 3; i++) frames.push(await waitFor<Frame>(socket, 'frame', () => true));
    for (const text of [JSON.stringify(snap), ...frames.map((f) => JSON.stringify(f))]) {
      expect(text).not.toContain('10.82.');
      expect(text).not.toContain('bravo');
      expect(text).not.toContain('c2-wallwatch');
      expect(text).not.toContain('partner CERT');
    }
    socket.disconnect();
  });

  it('a wall of the whole network sees every watched host on it; an unwatched one is not marked', async () => {
    const { secret } = await wf.createDisplayToken(admin, { label: 'whole wall' });
    const socket = wf.wallSocket(secret);
    const snap = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    expect(sorted(snap.watched)).toEqual([
      { ip: WATCHED_A, segment: 'alpha', kind: 'host' },
      { ip: DOMAIN_A, segment: 'alpha', kind: 'domain' },
      { ip: WATCHED_B, segment: 'bravo', kind: 'cidr' },
    ]);
    expect(snap.watched?.map((w) => w.ip)).not.toContain(PLAIN_A);
    const frame = await waitFor<Frame>(socket, 'frame', (f) => (f.watched?.length ?? 0) >= 3);
    expect(frame.watched?.map((w) => w.ip)).not.toContain(PLAIN_A);
    socket.disconnect();
  });

  it('a resolved alert takes its host off the marks; an operator screen gets the same answer', async () => {
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    await waitFor<Frame>(socket, 'frame', (f) => (f.watched ?? []).some((w) => w.ip === WATCHED_B));
    const id = (await wf.alerts.store.idForKey(`scan:host:${WATCHED_B}`))!;
    const lead = { url: wf.url, cookie: await wf.userCookie('lead') };
    const alert = (await wf.alerts.store.get(id))!;
    await callChecked(lead, API.alertAction, {
      params: { id, action: 'resolve' },
      body: { note: 'contained', disposition: 'true_positive', version: alert.version },
    });
    await waitFor<Frame>(socket, 'frame', (f) => !(f.watched ?? []).some((w) => w.ip === WATCHED_B));
    socket.disconnect();
  });

  it('a display token reads no watchlist: /api/wall is its only route', async () => {
    const { secret } = await wf.createDisplayToken(admin, { label: 'alpha wall 2', segments: ['alpha'] });
    const auth = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${wf.url}/api/wall`, { headers: auth })).status).toBe(200);
    for (const path of ['/api/watchlist', '/api/hunts', `/api/hosts/${WATCHED_A}`]) {
      const res = await fetch(`${wf.url}${path}`, { headers: auth });
      expect(res.status, path).toBe(401);
      expect(await res.text()).not.toContain(REASON);
    }
  });
});
