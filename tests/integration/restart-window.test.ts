/** A restarted server carries the charts on: its first snapshot holds the last minutes from the history store. */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../shared/schemas/frame.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

describe('restart', () => {
  it('starts the live window from the series history, leaving the time it was down a gap', async () => {
    const id = Math.random().toString(36).slice(2, 8);
    const env = { WF_PREFIX: `restart${id}:`, WF_STREAMS: `telemetry-restart-${id}` };
    const first = await startTestServer(inject('redisUrl'), env);
    servers.push(first);
    const written = Date.now() - 5_000;
    const p = first.redis.pipeline();
    for (let i = 0; i < 12; i++) {
      const ev = {
        ts: written,
        sensor: 'sur-1',
        kind: 'dns',
        src_ip: '10.9.0.7',
        segment: 'energy',
        query: 'a.example',
      };
      p.xadd(first.stream, '*', 'event', JSON.stringify(ev));
    }
    await p.exec();
    const second = written - (written % 1000);
    // the first server has closed that second and written it to the history store
    await eventually(async () => {
      const keys = await first.redis.keys(`${env.WF_PREFIX}series:energy:*`);
      for (const key of keys)
        if (Number(await first.redis.hget(key, `${(second % 3_600_000) / 1000}:e`)) === 12) return true;
      return undefined;
    });
    await first.close();

    const restarted = await startTestServer(inject('redisUrl'), env);
    servers.push(restarted);
    const startedAt = Date.now();
    const socket = restarted.socket(await restarted.userCookie('operator'));
    const snapshot = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    const point = snapshot.series.find((pt) => pt.segment === 'energy' && pt.t === second);
    expect(point).toMatchObject({ events: 12, open: false, byKind: { flow: 0, ids: 0, dns: 12, auth: 0 } });
    expect(snapshot.segments.map((s) => s.segment).concat(snapshot.series.map((s) => s.segment))).toContain(
      'energy',
    );
    // nothing is made up for the seconds the server was down: the seeded points all come before it started
    expect(
      snapshot.series.filter((pt) => pt.t < startedAt - 1000).every((pt) => pt.t <= second + 2_000),
    ).toBe(true);
  });
});

/** A fast scan from `scanner` in the last seconds: `n` refused ports from `firstPort` (its host then scores). */
async function writeScan(server: TestServer, scanner: string, n: number, firstPort: number): Promise<void> {
  const now = Date.now() - 3_000;
  const p = server.redis.pipeline();
  for (let i = 0; i < n; i++) {
    const ev = {
      ts: now + i * 10,
      sensor: 'sur-1',
      kind: 'flow',
      src_ip: scanner,
      segment: 'energy',
      dst_ip: '10.9.0.9',
      dst_port: firstPort + i,
      proto: 'tcp',
      conn_state: 'REJ',
    };
    p.xadd(server.stream, '*', 'event', JSON.stringify(ev));
  }
  await p.exec();
}

describe('scoring state over a restart (WF_ENGINE_SNAPSHOT_S)', () => {
  const scanner = '10.9.0.66';
  /** The test's own connection (a server's closes with it). */
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.disconnect());
  /** The scan, and its host scored. */
  async function scan(server: TestServer): Promise<void> {
    await writeScan(server, scanner, 200, 1000);
    await eventually(async () =>
      server.live.engine.topHosts(5).find((h) => h.ip === scanner && h.score > 50),
    );
  }
  const known = (server: TestServer) => server.live.engine.topHosts(5).find((h) => h.ip === scanner);

  it('is saved when the process stops and loaded when it starts: a host keeps its score and reasons', async () => {
    const id = Math.random().toString(36).slice(2, 8);
    const env = { WF_PREFIX: `state${id}:`, WF_STREAMS: `telemetry-state-${id}` };
    const first = await startTestServer(inject('redisUrl'), env);
    servers.push(first);
    await scan(first);
    await first.close();
    expect(await redis.exists(`${env.WF_PREFIX}engine:snapshot`)).toBe(1);

    const restarted = await startTestServer(inject('redisUrl'), env);
    servers.push(restarted);
    // no event since the restart: what it knows of the scanner came from the saved state
    const host = known(restarted);
    expect(host?.score).toBeGreaterThan(0);
    expect(host?.reasons.map((r) => r.detector)).toContain('scan');
    // and its sensors: listed as they were, and their newest event is the newest data a screen ages from
    const newest = first.live.currentStats().newestEventTs;
    expect(newest).toBeGreaterThan(0);
    expect(restarted.live.sensors.list(Date.now())).toMatchObject([{ sensor: 'sur-1', segment: 'energy' }]);
    expect(restarted.live.currentStats().newestEventTs).toBe(newest);
  });

  it('is neither saved nor loaded with WF_ENGINE_SNAPSHOT_S=0, and a state it cannot read is set aside', async () => {
    const id = Math.random().toString(36).slice(2, 8);
    const env = {
      WF_PREFIX: `nostate${id}:`,
      WF_STREAMS: `telemetry-nostate-${id}`,
      WF_ENGINE_SNAPSHOT_S: '0',
    };
    const first = await startTestServer(inject('redisUrl'), env);
    servers.push(first);
    await scan(first);
    await first.close();
    expect(await redis.exists(`${env.WF_PREFIX}engine:snapshot`)).toBe(0);
    const again = await startTestServer(inject('redisUrl'), env);
    servers.push(again);
    expect(known(again)).toBeUndefined();
    await again.close();

    await redis.set(`${env.WF_PREFIX}engine:snapshot`, '{"at":1,"state":"not a state"}');
    const fresh = await startTestServer(inject('redisUrl'), { ...env, WF_ENGINE_SNAPSHOT_S: '60' });
    servers.push(fresh);
    expect(fresh.live.engine.topHosts(5)).toEqual([]);
    expect(await redis.get(`${env.WF_PREFIX}engine:snapshot:unreadable`)).toBe(
      '{"at":1,"state":"not a state"}',
    );
  });
});

describe('alert episodes over a restart', () => {
  const scanner = '10.9.0.77';
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.disconnect());

  async function scanAndResolve(server: TestServer, disposition = 'benign'): Promise<string> {
    await writeScan(server, scanner, 300, 2000);
    const alert = await eventually(
      async () => (await server.alerts.store.unresolved()).find((a) => a.entity.id === scanner),
      30_000,
    );
    const res = await fetch(`${server.url}/api/alerts/${alert.id}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await server.userCookie('lead') },
      body: JSON.stringify({ note: 'a known scanner', disposition }),
    });
    expect(res.status).toBe(200);
    return alert.id;
  }
  const raisedAgain = async (server: TestServer) =>
    (await server.alerts.store.unresolved()).filter((a) => a.entity.id === scanner);

  it('does not raise again an episode whose alert a lead resolved before the restart', async () => {
    const id = Math.random().toString(36).slice(2, 8);
    const env = { WF_PREFIX: `episode${id}:`, WF_STREAMS: `telemetry-episode-${id}` };
    const first = await startTestServer(inject('redisUrl'), env);
    servers.push(first);
    await scanAndResolve(first);
    await first.close();
    const saved = (await redis.get(`${env.WF_PREFIX}engine:snapshot`))!;

    const restarted = await startTestServer(inject('redisUrl'), env);
    servers.push(restarted);
    // the scanner's score is still over the raise threshold: a fresh rule would raise it after its 3 s hold
    expect(restarted.live.engine.topHosts(5).find((h) => h.ip === scanner)?.score).toBeGreaterThan(60);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await raisedAgain(restarted)).toEqual([]);
    await restarted.close();

    // the same saved state without the rule's episodes: the resolved episode is raised again, as a new alert
    const { raise: _episodes, ...withoutEpisodes } = JSON.parse(saved) as Record<string, unknown>;
    await redis.set(`${env.WF_PREFIX}engine:snapshot`, JSON.stringify(withoutEpisodes));
    const unaware = await startTestServer(inject('redisUrl'), env);
    servers.push(unaware);
    expect((await eventually(async () => (await raisedAgain(unaware))[0], 15_000)).entity.id).toBe(scanner);
  });

  it('does not raise again, as a new alert, the same evidence a lead resolved as a false positive', async () => {
    const id = Math.random().toString(36).slice(2, 8);
    const env = { WF_PREFIX: `fp${id}:`, WF_STREAMS: `telemetry-fp-${id}` };
    const first = await startTestServer(inject('redisUrl'), env);
    servers.push(first);
    await scanAndResolve(first, 'false_positive');
    await first.close();
    // the rule unaware of the episode (as when a host paused long enough to end it): its held evidence would raise
    // a new alert at once, as the benign resolution's does above
    const { raise: _episodes, ...withoutEpisodes } = JSON.parse(
      (await redis.get(`${env.WF_PREFIX}engine:snapshot`))!,
    ) as Record<string, unknown>;
    await redis.set(`${env.WF_PREFIX}engine:snapshot`, JSON.stringify(withoutEpisodes));
    const restarted = await startTestServer(inject('redisUrl'), env);
    servers.push(restarted);
    expect(restarted.live.engine.topHosts(5).find((h) => h.ip === scanner)?.score).toBeGreaterThan(60);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await raisedAgain(restarted)).toEqual([]);
  });
});
