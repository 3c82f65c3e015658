/** @module Ingest health: shared counters from Redis, group lag and pending, and this instance's event rate. */
import type { Stats } from '../../shared/schemas/stats.js';
import type { InputSource } from '../config.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

/** Accepted-event counts per second over a sliding window. */
export class RateWindow {
  private readonly buckets: number[];
  private readonly stamps: number[];
  constructor(private readonly seconds = 10) {
    this.buckets = new Array(seconds).fill(0);
    this.stamps = new Array(seconds).fill(0);
  }
  private lastSecond = -1;
  private lastIndex = 0;

  add(n: number, now: number): void {
    const s = Math.floor(now / 1000);
    if (s === this.lastSecond) {
      this.buckets[this.lastIndex]! += n;
      return;
    }
    const i = s % this.seconds;
    this.lastSecond = s;
    this.lastIndex = i;
    if (this.stamps[i] !== s) {
      this.stamps[i] = s;
      this.buckets[i] = 0;
    }
    this.buckets[i]! += n;
  }
  /** Average per second over the complete seconds of the window. */
  rate(now: number): number {
    const s = Math.floor(now / 1000);
    let sum = 0;
    for (let i = 0; i < this.seconds; i++) {
      const age = s - this.stamps[i]!;
      if (age >= 1 && age <= this.seconds) sum += this.buckets[i]!;
    }
    return sum / this.seconds;
  }
}

export interface GroupHealth {
  lag: number;
  pending: number;
  /** Entries the producers' trimming removed before the group read them (entries-added − length − entries-read). */
  lostToTrim: number;
}

/** Lag and pending of the group over every source (XINFO GROUPS; `lag` needs Redis 7). */
export async function groupHealth(
  redis: Redis,
  sources: readonly InputSource[],
  group: string,
): Promise<GroupHealth> {
  let lag = 0;
  let pending = 0;
  let lostToTrim = 0;
  for (const s of sources) {
    let groups: unknown[];
    let stream: Record<string, unknown>;
    try {
      groups = (await redis.call('XINFO', 'GROUPS', s.key)) as unknown[];
      stream = toRecord(await redis.call('XINFO', 'STREAM', s.key));
    } catch {
      continue; // stream not created yet
    }
    for (const g of groups) {
      const info = toRecord(g);
      if (info.name !== group) continue;
      pending += Number(info.pending ?? 0);
      const added = Number(stream['entries-added'] ?? 0);
      const length = Number(stream.length ?? 0);
      // entries-read is unknown (nil) for a group created at an explicit id; at 0-0 it has read nothing yet
      const entriesRead = info['entries-read'];
      const read =
        entriesRead !== null && entriesRead !== undefined
          ? Number(entriesRead)
          : info['last-delivered-id'] === '0-0'
            ? 0
            : null;
      // Redis answers a null lag when trimming went past the group's position; count what was lost instead
      if (read !== null) lostToTrim += Math.max(0, added - length - read);
      lag +=
        info.lag === null || info.lag === undefined
          ? Math.min(length, Math.max(0, added - (read ?? 0)))
          : Number(info.lag);
    }
  }
  return { lag, pending, lostToTrim };
}

function toRecord(reply: unknown): Record<string, unknown> {
  if (Array.isArray(reply)) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
    return out;
  }
  return (reply ?? {}) as Record<string, unknown>;
}

/** Shared counters (every instance adds to them). */
export async function readCounters(
  redis: Redis,
  keys: Keys,
): Promise<Pick<Stats, 'ingested' | 'rejected' | 'rejectedByReason'>> {
  const h = await redis.hgetall(keys.counters);
  const rejectedByReason: Record<string, number> = {};
  for (const [k, v] of Object.entries(h))
    if (k.startsWith('rejected:')) rejectedByReason[k.slice(9)] = Number(v);
  return { ingested: Number(h.ingested ?? 0), rejected: Number(h.rejected ?? 0), rejectedByReason };
}
