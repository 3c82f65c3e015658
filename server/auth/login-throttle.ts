/**
 * @module Login throttling: attempts per client address and per username, counted in Redis before each check. The
 * password and the second factor are throttled apart (a scope each), with the same script.
 */
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';

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
    /** Names what is counted: '' for passwords, `totp:` for second-factor codes. */
    private readonly scope = '',
  ) {}

  /**
   * Counts one attempt before its password is checked, atomically: 0 when it may go ahead, else the seconds to
   * wait. Concurrent guesses cannot all pass (each one reserves its place in the counters in one script).
   */
  async attempt(address: string, username: string): Promise<number> {
    const res = (await runScript(
      this.redis,
      'loginAttempt',
      [
        this.keys.loginAttempts(`${this.scope}ip:${address}`),
        this.keys.loginAttempts(`${this.scope}user:${username}`),
      ],
      [this.limits.perAddress, this.limits.perUser, this.limits.windowS],
    )) as [number, number?];
    return res[0] === 0 ? 0 : Math.max(res[1] ?? 1, 1);
  }

  /** A correct password: the username's failures are forgotten and the address's attempt given back. */
  async succeed(address: string, username: string): Promise<void> {
    await runScript(
      this.redis,
      'loginSucceed',
      [
        this.keys.loginAttempts(`${this.scope}ip:${address}`),
        this.keys.loginAttempts(`${this.scope}user:${username}`),
      ],
      [],
    );
  }
}
