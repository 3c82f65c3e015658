/** @module A fixed-window rate limit in Redis (one script: count, or refuse with the seconds left), per named scope. */
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';

export interface RateLimit {
  /** Requests per window. */
  limit: number;
  /** Window, seconds. */
  windowS: number;
}

export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly rate: RateLimit,
  ) {}

  /** Counts one request of `scope`: 0 when it may go ahead, else the seconds until its window ends. */
  async hit(scope: string): Promise<number> {
    const res = (await runScript(
      this.redis,
      'rateLimit',
      [this.keys.rateWindow(scope)],
      [this.rate.limit, this.rate.windowS],
    )) as [number, number?];
    return res[0] === 0 ? 0 : Math.max(res[1] ?? 1, 1);
  }
}
