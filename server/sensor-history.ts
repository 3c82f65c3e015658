/**
 * @module The sensors' history: each sensor's events as they arrive, counted per 10 s bucket in one Redis hash per
 * hour and sensor (HINCRBY, so that every process that receives a sensor's events adds its share), with the hour's
 * totals per sensor in a sorted set (the busiest of a window). Both expire after the series' retention. Read back
 * as events per second, averaged per step, for the sensors page's chart.
 */
import { SENSOR_HISTORY_BUCKET_S, type SensorHistoryAnswer } from '../shared/schemas/api.js';
import type { Redis } from './redis/connections.js';
import type { Keys } from './redis/keys.js';

const HOUR = 3_600_000;
const BUCKET_MS = SENSOR_HISTORY_BUCKET_S * 1000;

export interface SensorHistoryRead {
  from: number;
  to: number;
  /** Seconds per point, a multiple of the bucket. */
  step: number;
  /** The wall clock (ms): how much of the newest step is written. */
  now: number;
  /** These sensors, else the `top` busiest of the window. */
  sensors?: readonly string[];
  top: number;
}

export class SensorHistory {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionMs: number,
  ) {}

  /** Adds each sensor's events received in the bucket that holds `at` (ms). */
  async write(counts: readonly (readonly [sensor: string, events: number])[], at: number): Promise<void> {
    if (counts.length === 0) return;
    const hour = at - (at % HOUR);
    const field = String(Math.floor((at - hour) / BUCKET_MS));
    const totals = this.keys.sensorRateTotals(hour);
    const p = this.redis.pipeline();
    for (const [sensor, events] of counts) {
      const key = this.keys.sensorRateHour(hour, sensor);
      p.hincrby(key, field, events);
      p.pexpire(key, this.retentionMs + HOUR);
      p.zincrby(totals, events, sensor);
    }
    p.pexpire(totals, this.retentionMs + HOUR);
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async read(q: SensorHistoryRead): Promise<SensorHistoryAnswer> {
    const stepMs = q.step * 1000;
    const from = q.from - (q.from % stepMs);
    const hours: number[] = [];
    for (let h = from - (from % HOUR); h < q.to; h += HOUR) hours.push(h);
    // every sensor that sent in the window's hours, with its events there
    const p = this.redis.pipeline();
    for (const h of hours) p.zrange(this.keys.sensorRateTotals(h), '0', '-1', 'WITHSCORES');
    const sent = new Map<string, number>();
    for (const [err, reply] of (await p.exec()) ?? []) {
      if (err) throw err;
      const flat = reply as string[];
      for (let i = 0; i < flat.length; i += 2)
        sent.set(flat[i]!, (sent.get(flat[i]!) ?? 0) + Number(flat[i + 1]));
    }
    const shown =
      q.sensors?.filter((s) => sent.has(s)) ??
      [...sent.keys()].sort((a, b) => sent.get(b)! - sent.get(a)! || a.localeCompare(b)).slice(0, q.top);
    // per sensor, events per step (only the window's buckets)
    const read = this.redis.pipeline();
    for (const sensor of shown) for (const h of hours) read.hgetall(this.keys.sensorRateHour(h, sensor));
    const replies = (await read.exec()) ?? [];
    const steps = new Set<number>();
    const bySensor = shown.map((sensor, i) => {
      const perStep = new Map<number, number>();
      let events = 0;
      hours.forEach((h, k) => {
        const [err, reply] = replies[i * hours.length + k] ?? [null, {}];
        if (err) throw err;
        for (const [field, value] of Object.entries(reply as Record<string, string>)) {
          const t = h + Number(field) * BUCKET_MS;
          if (t < q.from || t >= q.to) continue;
          const n = Number(value);
          const at = t - (t % stepMs);
          perStep.set(at, (perStep.get(at) ?? 0) + n);
          steps.add(at);
          events += n;
        }
      });
      return { sensor, events, perStep };
    });
    const t = [...steps].sort((a, b) => a - b);
    // buckets are written as they end: the newest step is averaged over the part of it written so far
    const written = Math.min(q.to, q.now - (q.now % BUCKET_MS));
    const seconds = (at: number) =>
      Math.max(SENSOR_HISTORY_BUCKET_S, Math.min(q.step, (written - at) / 1000));
    return {
      from: q.from,
      to: q.to,
      step: q.step,
      t,
      sensors: bySensor.map(({ sensor, events, perStep }) => ({
        sensor,
        events,
        eventsPerSec: t.map((at) => Math.round(((perStep.get(at) ?? 0) / seconds(at)) * 100) / 100),
      })),
      total: sent.size,
    };
  }
}
