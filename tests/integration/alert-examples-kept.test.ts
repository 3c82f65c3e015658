/**
 * An alert's example events outlive the input stream: the events its raise and its peaks name are copied when it
 * is raised, and read back from the copies once the stream has trimmed them (the host page, hand-off); events no
 * alert stands on are not kept.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KEPT_EXAMPLES_PER_ALERT } from '../../server/alerts/alert-engine.js';
import type { Observation } from '../../server/alerts/raise-tracker.js';
import { Keys } from '../../server/redis/keys.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let cookie: string;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  cookie = await wf.userCookie('operator');
});
afterAll(async () => wf?.close());

/** Writes `n` flows from `ip` to the input stream; their refs. */
async function flows(ip: string, n: number): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const ev = {
      ts: Date.now(),
      sensor: 'zeek-1',
      kind: 'flow',
      src_ip: ip,
      dst_ip: '10.9.9.9',
      dst_port: 1000 + i,
    };
    refs.push(`${wf.stream}/${await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(ev))}`);
  }
  return refs;
}

/** Holds `ip`'s score at `score` with a reason naming `examples` until the engine raises (five ticks). */
async function raiseWith(ip: string, examples: string[], score = 80, from = Date.now()): Promise<void> {
  for (let i = 0; i <= 4; i++) {
    const obs: Observation = {
      entityType: 'host',
      entityId: ip,
      segment: 'energy',
      score,
      at: from + i * 1000,
      reasons: [
        {
          detector: 'scan',
          feature: 'distinct_ports_10s',
          observed: 400,
          expected: 3,
          contribution: score,
          examples,
        },
      ],
    };
    await wf.alertEngine.tick([obs], from + i * 1000, from);
  }
}

const readBack = async (refs: string[]) => {
  const q = refs.map((r) => `ref=${encodeURIComponent(r)}`).join('&');
  const res = await fetch(`${wf.url}/api/events?${q}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: { ref: string; event: Record<string, unknown> | null }[] }).events;
};

const kept = () => wf.redis.hlen(new Keys(wf.prefix).keptEvents);

describe("an alert's example events", () => {
  it('are read back after the stream trimmed them; events no alert names are not', async () => {
    const named = await flows('10.66.0.1', 5);
    const unnamed = await flows('10.66.0.2', 2);
    await raiseWith('10.66.0.1', named);
    expect(await wf.alerts.store.idForKey('scan:host:10.66.0.1')).toBeTruthy();
    await eventually(async () => (await kept()) >= 5);
    // the stream trims everything it held
    await wf.redis.xtrim(wf.stream, 'MAXLEN', 0);
    expect(await wf.redis.xlen(wf.stream)).toBe(0);

    const back = await readBack([...named, ...unnamed]);
    expect(back.slice(0, 5).map((e) => e.event?.dst_port)).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(back[0]!.event).toMatchObject({
      kind: 'flow',
      src_ip: '10.66.0.1',
      dst_ip: '10.9.9.9',
      sensor: 'zeek-1',
    });
    expect(back.slice(5).map((e) => e.event)).toEqual([null, null]);
  });

  it(`keep ${KEPT_EXAMPLES_PER_ALERT} at most for one alert, the raise's first`, async () => {
    const before = await kept();
    const first = await flows('10.66.0.3', 20);
    await raiseWith('10.66.0.3', first, 70);
    // a new peak with new examples: kept up to the alert's share
    const later = await flows('10.66.0.3', 20);
    await raiseWith('10.66.0.3', later, 95, Date.now() + 10_000);
    await eventually(async () => (await kept()) - before >= KEPT_EXAMPLES_PER_ALERT);
    await new Promise((r) => setTimeout(r, 300));
    expect((await kept()) - before).toBe(KEPT_EXAMPLES_PER_ALERT);
    await wf.redis.xtrim(wf.stream, 'MAXLEN', 0);
    expect((await readBack(first)).every((e) => e.event !== null)).toBe(true);
    expect((await readBack(later)).filter((e) => e.event !== null)).toHaveLength(
      KEPT_EXAMPLES_PER_ALERT - 20,
    );
  });

  it('keep the share across the episodes of one alert (a slow beacon opens one at each call)', async () => {
    const ip = '10.66.0.4';
    const quiet = (at: number) =>
      wf.alertEngine.tick(
        [{ entityType: 'host', entityId: ip, segment: 'energy', score: 0, at, reasons: [] }],
        at,
        at,
      );
    const before = await kept();
    let from = Date.now();
    for (let episode = 0; episode < 4; episode++) {
      await raiseWith(ip, await flows(ip, 20), 80, from);
      // the score stays below the clear threshold longer than its hold: the episode ends
      await quiet(from + 10_000);
      await quiet(from + 45_000);
      from += 60_000;
    }
    const id = await wf.alerts.store.idForKey(`scan:host:${ip}`);
    expect((await wf.alerts.store.get(id!))?.count).toBe(4);
    await eventually(async () => (await kept()) - before >= KEPT_EXAMPLES_PER_ALERT);
    await new Promise((r) => setTimeout(r, 300));
    expect((await kept()) - before).toBe(KEPT_EXAMPLES_PER_ALERT);
  });
});
