/**
 * A screen whose connection drops and whose session is recovered gets the last frame at once (cut to its segments),
 * not a blank wait until the next tick: frames are per instance and Socket.IO does not replay them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame } from '../../shared/schemas/frame.js';
import { type ClientSocket, startTestServer, type TestServer, waitFor } from '../support/server.js';

/** Long enough that a recovery over loopback comes back well before the next tick's frame. */
const TICK_MS = 4_000;

let wf: TestServer;
let admin: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'), { WF_TICK_MS: String(TICK_MS) });
  admin = await wf.userCookie('admin');
  for (const [ip, segment] of [
    ['10.1.0.9', 'energy'],
    ['10.2.0.9', 'health'],
  ])
    await wf.redis.xadd(
      wf.stream,
      '*',
      'event',
      JSON.stringify({ ts: Date.now(), sensor: 's', kind: 'dns', src_ip: ip, segment, query: 'a.example' }),
    );
});
afterAll(async () => wf?.close());

/** Drops the transport (a network drop: the client tries to recover its session) and reconnects at once. */
async function dropAndRecover(socket: ClientSocket): Promise<Frame> {
  const resumed = new Promise<Frame>((resolve) => socket.once('frame', resolve));
  socket.io.engine.close();
  socket.connect();
  await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
  expect(socket.recovered).toBe(true);
  return resumed;
}

describe('a recovered screen', () => {
  it('gets the last frame at once, the same seq it last saw', async () => {
    const socket = wf.socket(await wf.userCookie('operator'));
    const last = await waitFor<Frame>(socket, 'frame', (f) => f.segments.length === 2, TICK_MS * 3);
    const resumed = await dropAndRecover(socket);
    // the next tick's frame would carry seq + 1; this is the one the server held
    expect(resumed.seq).toBe(last.seq);
    expect(resumed.segments.map((s) => s.segment).sort()).toEqual(['energy', 'health']);
    expect(resumed.stats?.ingested).toBeGreaterThan(0);
    socket.disconnect();
  });

  it('a segment-limited wall gets it cut to its segments, without network-wide figures', async () => {
    const { secret } = await wf.createDisplayToken(admin, { label: 'energy wall', segments: ['energy'] });
    const socket = wf.wallSocket(secret);
    const last = await waitFor<Frame>(socket, 'frame', (f) => f.segments.length > 0, TICK_MS * 3);
    const resumed = await dropAndRecover(socket);
    expect(resumed.seq).toBe(last.seq);
    expect(resumed.stats).toBeNull();
    expect(resumed.segments.map((s) => s.segment)).toEqual(['energy']);
    expect(resumed.topHosts.every((h) => h.segment === 'energy')).toBe(true);
    socket.disconnect();
  });
});
