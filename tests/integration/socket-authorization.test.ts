/**
 * Socket authorization from the one policy table: a display token (limited or not) gets wall data only — no host
 * detail, no alert actions — a segment-limited wall gets no network-wide figures, and watched hosts are bounded.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rooms } from '../../server/realtime/rooms.js';
import { MAX_WATCHED_HOSTS, SOCKET_POLICY } from '../../server/realtime/socket-policy.js';
import { ALERT_ACTION_NAMES } from '../../shared/schemas/alert-api.js';
import type { Frame, Snapshot } from '../../shared/schemas/frame.js';
import { raiseAlert } from '../support/alerts.js';
import { type ClientSocket, startTestServer, type TestServer, waitFor } from '../support/server.js';

let wf: TestServer;
let admin: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  admin = await wf.userCookie('admin');
});
afterAll(async () => wf?.close());

const wallSocket = (token: string) => wf.wallSocket(token);
const wallToken = async (segments: string[]) =>
  (await wf.createDisplayToken(admin, { label: `wall ${segments.join(',') || 'all'}`, segments })).secret;

const flow = (ip: string, segment: string) =>
  wf.redis.xadd(
    wf.stream,
    '*',
    'event',
    JSON.stringify({
      ts: Date.now(),
      sensor: 's',
      kind: 'dns',
      src_ip: ip,
      segment,
      query: 'secret.example',
    }),
  );

/** The rooms of the server-side socket behind a client socket. */
const serverRooms = (client: ClientSocket) => [...(wf.io.of('/').sockets.get(client.id!)?.rooms ?? [])];

describe('display sockets', () => {
  it.each([
    ['unlimited', [] as string[]],
    ['segment-limited', ['energy']],
  ])('an %s display token may not watch a host, in its segments or not', async (_name, segments) => {
    await flow('10.1.0.9', 'energy');
    await flow('10.2.0.9', 'health');
    const socket = wallSocket(await wallToken(segments));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    let hostEvents = 0;
    socket.on('host', () => hostEvents++);
    for (const host of ['10.1.0.9', '10.2.0.9']) {
      const answer = await socket.timeout(5000).emitWithAck('watch', { host });
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await socket.timeout(5000).emitWithAck('watch', { segment: 'health' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(serverRooms(socket).filter((r) => r.startsWith('host:'))).toEqual([]);
    await waitFor<Frame>(socket, 'frame', () => true);
    await waitFor<Frame>(socket, 'frame', () => true);
    expect(hostEvents).toBe(0);
    // what a wall may ask for, it gets: a fresh snapshot
    expect(await socket.timeout(5000).emitWithAck('resync', {})).toMatchObject({ ok: true });
    socket.disconnect();
  });

  it('a segment-limited wall gets its segments and no network-wide figures', async () => {
    await flow('10.1.0.10', 'energy');
    await flow('10.2.0.10', 'health');
    const socket = wallSocket(await wallToken(['energy']));
    const snap = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snap.stats).toBeNull();
    expect(snap.segments.every((s) => s.segment === 'energy')).toBe(true);
    const frame = await waitFor<Frame>(socket, 'frame', (f) => f.segments.length > 0);
    expect(frame.stats).toBeNull();
    expect(frame.segments.map((s) => s.segment)).toEqual(['energy']);
    expect(frame.topHosts.every((h) => h.segment === 'energy')).toBe(true);
    socket.disconnect();
    // an unlimited wall keeps the whole network's figures
    const all = wallSocket(await wallToken([]));
    const full = await new Promise<Snapshot>((resolve) => all.once('snapshot', resolve));
    expect(full.stats?.ingested).toBeGreaterThan(0);
    all.disconnect();
  });
});

describe("analysts' notes", () => {
  it('never reach a wall, in its snapshot or in alert changes; users get them', async () => {
    const alert = await raiseAlert(wf, { segment: 'energy' });
    const operator = await wf.userCookie('operator');
    const note = (text: string) =>
      fetch(`${wf.url}/api/alerts/${alert.id}/note`, {
        method: 'POST',
        headers: { cookie: operator, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    expect((await note('informant says jdoe reuses Winter2026')).status).toBe(200);
    const walls = [wallSocket(await wallToken([])), wallSocket(await wallToken(['energy']))];
    const user = wf.socket(operator);
    const snaps = await Promise.all(
      [...walls, user].map((s) => new Promise<Snapshot>((resolve) => s.once('snapshot', resolve))),
    );
    const notesIn = (snap: Snapshot) => snap.alerts.find((a) => a.id === alert.id)?.notes.map((n) => n.text);
    expect(notesIn(snaps[0]!)).toEqual([]);
    expect(notesIn(snaps[1]!)).toEqual([]);
    expect(notesIn(snaps[2]!)).toEqual(['informant says jdoe reuses Winter2026']);
    // a change: the users' screens get the alert whole, the walls without its notes
    const changes = [...walls, user].map((s) =>
      waitFor<{ id: string; notes: { text: string }[] }>(s, 'alert', (a) => a.id === alert.id),
    );
    expect((await note('second source confirms')).status).toBe(200);
    const [all, limited, mine] = await Promise.all(changes);
    expect(all!.notes).toEqual([]);
    expect(limited!.notes).toEqual([]);
    expect(mine!.notes.map((n) => n.text)).toEqual([
      'informant says jdoe reuses Winter2026',
      'second source confirms',
    ]);
    // and a wall's resync is a wall's snapshot
    const again = (await walls[0]!.timeout(5000).emitWithAck('resync', {})) as { ok: true; data: Snapshot };
    expect(notesIn(again.data)).toEqual([]);
    for (const s of [...walls, user]) s.disconnect();
  });
});

describe('user sockets', () => {
  it('an operator watches a host and gets its detail', async () => {
    await flow('10.3.0.1', 'energy');
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const answer = await socket.timeout(5000).emitWithAck('watch', { host: '10.3.0.1' });
    expect(answer).toEqual({ ok: true, data: { watching: rooms.host('10.3.0.1') } });
    const host = await new Promise<{ ip: string }>((resolve) => socket.once('host', resolve));
    expect(host.ip).toBe('10.3.0.1');
    // an operator may not act on alerts through the socket either
    expect(await socket.timeout(5000).emitWithAck('alert:ack', { id: 'A1', note: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    socket.disconnect();
  });

  it(`bounds watched hosts at ${MAX_WATCHED_HOSTS} per socket`, async () => {
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const answers = [];
    for (let i = 0; i < MAX_WATCHED_HOSTS + 50; i++) {
      answers.push(await socket.timeout(5000).emitWithAck('watch', { host: `10.9.${i >> 8}.${i & 255}` }));
    }
    expect(answers.filter((a) => a.ok)).toHaveLength(MAX_WATCHED_HOSTS);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(serverRooms(socket).filter((r) => r.startsWith('host:'))).toHaveLength(MAX_WATCHED_HOSTS);
    // watching the same host again is not a new room; unwatching frees them all
    expect(await socket.timeout(5000).emitWithAck('watch', { host: '10.9.0.0' })).toMatchObject({ ok: true });
    expect(await socket.timeout(5000).emitWithAck('unwatch', {})).toEqual({
      ok: true,
      data: { watching: null },
    });
    expect(serverRooms(socket).filter((r) => r.startsWith('host:'))).toEqual([]);
    socket.disconnect();
  });

  it('a segment watch narrows the frames to that segment until unwatched', async () => {
    await flow('10.4.0.1', 'energy');
    await flow('10.4.0.2', 'health');
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    expect(await socket.timeout(5000).emitWithAck('watch', { segment: 'health' })).toMatchObject({
      ok: true,
    });
    const narrow = await waitFor<Frame>(socket, 'frame', (f) => f.segments.length > 0);
    expect(narrow.segments.map((s) => s.segment)).toEqual(['health']);
    // a second segment watch replaces the first (one socket held 20,000 segment rooms, each one's frames)
    for (let i = 0; i < 50; i++) await socket.timeout(5000).emitWithAck('watch', { segment: `seg-${i}` });
    await socket.timeout(5000).emitWithAck('watch', { segment: 'energy' });
    const frames: Frame[] = [];
    const take = (f: Frame) => frames.push(f);
    socket.on('frame', take);
    await new Promise((r) => setTimeout(r, 1000));
    socket.off('frame', take);
    expect(frames.length).toBeGreaterThan(0);
    // one frame a tick (200 ms here; 51 a tick when every watch was kept), energy's alone
    expect(frames.length).toBeLessThanOrEqual(10);
    expect(new Set(frames.flatMap((f) => f.segments.map((x) => x.segment)))).toEqual(new Set(['energy']));
    await socket.timeout(5000).emitWithAck('unwatch', { segment: 'energy' });
    const wide = await waitFor<Frame>(socket, 'frame', (f) => f.segments.length > 1);
    expect(wide.stats).not.toBeNull();
    socket.disconnect();
  });
});

describe('the policy table', () => {
  it('names every client → server event with who may send it', () => {
    const events = ['resync', 'watch', 'unwatch', ...ALERT_ACTION_NAMES.map((a) => `alert:${a}`)];
    expect(Object.keys(SOCKET_POLICY).sort()).toEqual(events.sort());
    // a display token may only ask for wall data
    expect(
      Object.entries(SOCKET_POLICY)
        .filter(([, r]) => r.display)
        .map(([e]) => e),
    ).toEqual(['resync']);
  });
});
