/** @module Sensors as seen in the telemetry: segment, last event, rate; silent ones are those that stopped sending. */
import { RateWindow } from './ingest/ingest-health.js';

export interface SensorView {
  sensor: string;
  segment: string;
  /** Newest event time from this sensor, epoch ms. */
  lastSeen: number;
  /** Wall clock of the last event received from it, epoch ms. */
  lastArrival: number;
  eventsPerSec: number;
  /** No event for longer than the silence limit while it used to send. */
  silent: boolean;
}

/** A sensor as a snapshot keeps it: name, segment, newest event time, wall clock of its last event (ms). */
export type SensorRecord = [sensor: string, segment: string, lastSeen: number, lastArrival: number];

interface SensorState {
  segment: string;
  lastSeen: number;
  lastArrival: number;
  rate: RateWindow;
  /** Events received since the counts were last taken ({@link SensorRegistry.takeCounts}). */
  unsaved: number;
}

export class SensorRegistry {
  private readonly sensors = new Map<string, SensorState>();

  constructor(
    /** Wall-clock silence after which a sensor counts as silent, ms. @default 60000 */
    private readonly silenceMs = 60_000,
    private readonly max = 10_000,
  ) {}

  /**
   * Seconds a sensor's rate is averaged over: as long as the silence limit, so that a sensor that reports (it sent
   * within the limit) never reads 0 events a second (over 10 s, one that sends every 15 s read 0 between its events).
   */
  private get rateSeconds(): number {
    return Math.max(10, Math.round(this.silenceMs / 1000));
  }

  see(sensor: string, segment: string, ts: number, now: number): void {
    let s = this.sensors.get(sensor);
    if (!s) {
      if (this.sensors.size >= this.max) return;
      s = { segment, lastSeen: 0, lastArrival: 0, rate: new RateWindow(this.rateSeconds), unsaved: 0 };
      this.sensors.set(sensor, s);
    }
    if (ts > s.lastSeen) s.lastSeen = ts;
    s.lastArrival = now;
    s.rate.add(1, now);
    s.unsaved++;
  }

  /** Each sensor's events received since the last call (those with none left out), for the sensors' history. */
  takeCounts(): [sensor: string, events: number][] {
    const out: [string, number][] = [];
    for (const [sensor, s] of this.sensors) {
      if (s.unsaved === 0) continue;
      out.push([sensor, s.unsaved]);
      s.unsaved = 0;
    }
    return out;
  }

  /** Every sensor, silent first, then by name. */
  list(now: number): SensorView[] {
    return [...this.sensors.entries()]
      .map(([sensor, s]) => ({
        sensor,
        segment: s.segment,
        lastSeen: s.lastSeen,
        lastArrival: s.lastArrival,
        eventsPerSec: Math.round(s.rate.rate(now) * 100) / 100,
        silent: now - s.lastArrival > this.silenceMs,
      }))
      .sort((a, b) => Number(b.silent) - Number(a.silent) || a.sensor.localeCompare(b.sensor));
  }

  /** Sensors active within the silence limit. */
  activeCount(now: number): number {
    let n = 0;
    for (const s of this.sensors.values()) if (now - s.lastArrival <= this.silenceMs) n++;
    return n;
  }

  names(): string[] {
    return [...this.sensors.keys()];
  }

  /** Every sensor, for a snapshot: a restarted process still knows them, and says which went silent meanwhile. */
  export(): SensorRecord[] {
    return [...this.sensors].map(([sensor, s]) => [sensor, s.segment, s.lastSeen, s.lastArrival]);
  }

  /** What {@link export} gave; a sensor that has reported since is kept as it is. Returns the newest event time. */
  restore(records: readonly SensorRecord[]): number {
    let newest = 0;
    for (const r of records) {
      if (!Array.isArray(r)) continue;
      const [sensor, segment, lastSeen, lastArrival] = r;
      if (typeof sensor !== 'string' || typeof segment !== 'string') continue;
      if (!Number.isFinite(lastSeen) || !Number.isFinite(lastArrival)) continue;
      if (this.sensors.has(sensor) || this.sensors.size >= this.max) continue;
      const rate = new RateWindow(this.rateSeconds);
      this.sensors.set(sensor, { segment, lastSeen, lastArrival, rate, unsaved: 0 });
      if (lastSeen > newest) newest = lastSeen;
    }
    return newest;
  }
}
