/** @module Login throttling: failures per client address and per username, counted in Redis. */
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

export interface ThrottleLimits {
  /** Failures per address per window. @default 20 */
  perAddress: number;
  /** Failures per username per window. @default 10 */
  perUser: number;
  /** Window, seconds. @default 900 */
  windowS: number;
}

export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly limits: ThrottleLimits = { perAddress: 20, perUser: 10, windowS: 900 },
  ) {}

  /** Seconds to wait when either counter is over its limit, else 0. */
  async blockedFor(address: string, username: string): Promise<number> {
    const [a, u] = await this.redis.mget(
      this.keys.loginAttempts(`ip:${address}`),
      this.keys.loginAttempts(`user:${username}`),
    );
    if (Number(a ?? 0) < this.limits.perAddress && Number(u ?? 0) < this.limits.perUser) return 0;
    const ttl = await this.redis.ttl(
      this.keys.loginAttempts(
        Number(a ?? 0) >= this.limits.perAddress ? `ip:${address}` : `user:${username}`,
      ),
    );
    return Math.max(ttl, 1);
  }

  async fail(address: string, username: string): Promise<void> {
    const m = this.redis.multi();
    for (const scope of [`ip:${address}`, `user:${username}`]) {
      m.incr(this.keys.loginAttempts(scope));
      m.expire(this.keys.loginAttempts(scope), this.limits.windowS, 'NX');
    }
    await m.exec();
  }

  async succeed(username: string): Promise<void> {
    await this.redis.del(this.keys.loginAttempts(`user:${username}`));
  }
}
