/** @module Ingest health: shared counters from Redis and this instance's event rate (group figures: group-health.ts). */
import type { Stats } from '../../shared/schemas/stats.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

/**
 * Accepted-event counts per second over a sliding window of complete seconds. One slot more than the window: the
 * current (open) second has its own slot, so the window always holds `seconds` complete ones.
 */
export class RateWindow {
  private readonly buckets: number[];
  private readonly stamps: number[];
  private lastSecond = -1;
  private lastIndex = 0;
  private firstSecond = -1;

  constructor(private readonly seconds = 10) {
    this.buckets = new Array(seconds + 1).fill(0);
    this.stamps = new Array(seconds + 1).fill(-1);
  }

  add(n: number, now: number): void {
    const s = Math.floor(now / 1000);
    if (s === this.lastSecond) {
      this.buckets[this.lastIndex]! += n;
      return;
    }
    if (this.firstSecond < 0) this.firstSecond = s;
    const i = s % this.buckets.length;
    this.lastSecond = s;
    this.lastIndex = i;
    if (this.stamps[i] !== s) {
      this.stamps[i] = s;
      this.buckets[i] = 0;
    }
    this.buckets[i]! += n;
  }

  /** Average per second over the complete seconds of the window (fewer while the window has not filled yet). */
  rate(now: number): number {
    if (this.firstSecond < 0) return 0;
    const s = Math.floor(now / 1000);
    const complete = Math.min(this.seconds, s - this.firstSecond);
    if (complete <= 0) return 0;
    let sum = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      const age = s - this.stamps[i]!;
      if (age >= 1 && age <= complete) sum += this.buckets[i]!;
    }
    return sum / complete;
  }
}

/** Shared counters (every instance adds to them), and since when they count. */
export async function readCounters(
  redis: Redis,
  keys: Keys,
): Promise<
  Pick<
    Stats,
    'ingested' | 'rejected' | 'rejectedByReason' | 'lostToDelete' | 'countedSince' | 'countedSinceBefore'
  >
> {
  const h = await redis.hgetall(keys.counters);
  const rejectedByReason: Record<string, number> = {};
  for (const [k, v] of Object.entries(h))
    if (k.startsWith('rejected:')) rejectedByReason[k.slice(9)] = Number(v);
  return {
    ingested: Number(h.ingested ?? 0),
    rejected: Number(h.rejected ?? 0),
    rejectedByReason,
    lostToDelete: Number(h.lostToDelete ?? 0),
    ...(h.since ? { countedSince: Number(h.since), countedSinceBefore: h.sinceBefore === '1' } : {}),
  };
}

/**
 * Stamps when the shared counters began, once per deployment (the first process to start with it): `now`, marked as
 * "before" when the counters already held counts (a deployment upgraded from before the stamp).
 */
export async function stampCounters(redis: Redis, keys: Keys, now: number): Promise<void> {
  const counted = Number((await redis.hget(keys.counters, 'ingested')) ?? 0) > 0;
  if ((await redis.hsetnx(keys.counters, 'since', String(now))) === 1 && counted)
    await redis.hset(keys.counters, 'sinceBefore', '1');
}
