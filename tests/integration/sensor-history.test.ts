/**
 * The sensors' history: counts per sensor and 10 s bucket in Redis, read back as events per second per step, the
 * busiest of a window or the sensors named; and through the server, from events on the input stream to
 * `GET /api/sensors/history`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Keys } from '../../server/redis/keys.js';
import { SensorHistory } from '../../server/sensor-history.js';
import { sensorHistoryAnswerSchema } from '../../shared/schemas/api.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

const HOUR = 3_600_000;
/** An hour boundary an hour ago: the buckets written below sit inside one hour and across the next. */
const H = Math.floor(Date.now() / HOUR) * HOUR - HOUR;

let wf: TestServer;
let cookie: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  cookie = await wf.userCookie('operator');
});
afterAll(async () => wf?.close());

describe('sensor history store', () => {
  const store = () =>
    new SensorHistory(wf.redis, new Keys(`sh${Math.random().toString(36).slice(2, 8)}:`), HOUR);

  it('reads each sensor per step, busiest first, with steps where none of them sent left out', async () => {
    const s = store();
    // two sensors over a minute, then a minute of nothing from anyone, then only "b"
    for (let k = 0; k < 6; k++)
      await s.write(
        [
          ['a', 100],
          ['b', 20],
        ],
        H + k * 10_000 + 3_000,
      );
    for (let k = 12; k < 18; k++) await s.write([['b', 50]], H + k * 10_000);
    const q = { from: H, to: H + 180_000, now: H + 10 * HOUR, top: 8 };
    const per10 = await s.read({ ...q, step: 10 });
    expect(per10.total).toBe(2);
    expect(per10.sensors.map((x) => x.sensor)).toEqual(['a', 'b']); // 600 events against 420
    expect(per10.t).toEqual([...[0, 1, 2, 3, 4, 5], ...[12, 13, 14, 15, 16, 17]].map((k) => H + k * 10_000));
    expect(per10.sensors[0]!.eventsPerSec).toEqual([10, 10, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0]);
    expect(per10.sensors[1]!.eventsPerSec).toEqual([2, 2, 2, 2, 2, 2, 5, 5, 5, 5, 5, 5]);
    const perMinute = await s.read({ ...q, step: 60 });
    expect(perMinute.t).toEqual([H, H + 120_000]);
    expect(perMinute.sensors.find((x) => x.sensor === 'b')!.eventsPerSec).toEqual([2, 5]);
    expect(perMinute.sensors.map((x) => x.events)).toEqual([600, 420]);
    // named sensors, and the top 1
    expect((await s.read({ ...q, step: 60, sensors: ['b', 'nobody'] })).sensors.map((x) => x.sensor)).toEqual(
      ['b'],
    );
    expect((await s.read({ ...q, step: 60, top: 1 })).sensors.map((x) => x.sensor)).toEqual(['a']);
  });

  it('averages the newest step over the part of it that has ended, and reads across hours', async () => {
    const s = store();
    for (let k = 0; k < 3; k++) await s.write([['c', 30]], H + HOUR - 30_000 + k * 10_000);
    await s.write([['c', 30]], H + HOUR + 10_000);
    await s.write([['c', 30]], H + HOUR + 20_000);
    const now = H + HOUR + 35_000; // the buckets up to H + HOUR + 30 s have ended
    const a = await s.read({ from: H + HOUR - 60_000, to: now, now, step: 60, top: 8 });
    expect(a.t).toEqual([H + HOUR - 60_000, H + HOUR]);
    // 90 events over the whole minute before the hour; 60 over the 30 s of this one that have ended
    expect(a.sensors[0]!.eventsPerSec).toEqual([1.5, 2]);
  });

  it('keeps a hostile sensor name inside its own key', async () => {
    const s = store();
    const name = '}{wf:}evil:\u0000<script>';
    await s.write([[name, 7]], H + 5_000);
    const a = await s.read({ from: H, to: H + 60_000, now: H + HOUR, step: 10, top: 8 });
    expect(a.sensors).toEqual([{ sensor: name, events: 7, eventsPerSec: [0.7] }]);
  });
});

describe('GET /api/sensors/history', () => {
  const get = (query: string, who: string | null = cookie) =>
    fetch(`${wf.url}/api/sensors/history${query}`, { headers: who ? { cookie: who } : {} });

  it('answers each sensor events per second from the events it sent, once their bucket has ended', async () => {
    const now = Date.now();
    const p = wf.redis.pipeline();
    for (let i = 0; i < 40; i++) {
      const sensor = i < 30 ? 'zeek-hist-1' : 'sur-hist-2';
      p.xadd(
        wf.stream,
        '*',
        'event',
        JSON.stringify({ ts: now, sensor, kind: 'flow', src_ip: `10.7.0.${i % 4}`, segment: 'energy' }),
      );
    }
    await p.exec();
    const answer = await eventually(
      async () => {
        const res = await get('?step=10');
        const body = sensorHistoryAnswerSchema.parse(await res.json());
        return body.sensors.length === 2 ? body : undefined;
      },
      25_000,
      500,
    );
    expect(answer.sensors.map((s) => [s.sensor, s.events])).toEqual([
      ['zeek-hist-1', 30],
      ['sur-hist-2', 10],
    ]);
    expect(answer.sensors[0]!.eventsPerSec.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 5);
    expect(answer.total).toBe(2);
  });

  it('refuses a step that is not a multiple of the bucket, a window over 24 h, and a caller without a session', async () => {
    expect((await get('?step=15')).status).toBe(400);
    expect((await get(`?from=0&to=${2 * 86_400_000}`)).status).toBe(400);
    expect((await get('', null)).status).toBe(401);
  });
});
