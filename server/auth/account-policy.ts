/** @module The sign-in policy an admin sets (second factor per role, a new sign-in ending the others), in Redis. */
import {
  type AccountPolicy,
  accountPolicySchema,
  DEFAULT_ACCOUNT_POLICY,
} from '../../shared/schemas/accounts.js';
import { parseInput } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

export type { AccountPolicy };

export class AccountPolicyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** The policy in force: read at every sign-in, so a change holds at once on every instance. */
  async get(): Promise<AccountPolicy> {
    const raw = await this.redis.get(this.keys.accountPolicy);
    if (!raw) return { ...DEFAULT_ACCOUNT_POLICY };
    try {
      const parsed = accountPolicySchema.safeParse({ ...DEFAULT_ACCOUNT_POLICY, ...JSON.parse(raw) });
      return parsed.success ? parsed.data : { ...DEFAULT_ACCOUNT_POLICY };
    } catch {
      return { ...DEFAULT_ACCOUNT_POLICY };
    }
  }

  /** Applies a patch; the whole must be valid (400 naming the problems). The roles are kept unique and ordered. */
  async update(patch: Partial<AccountPolicy>): Promise<AccountPolicy> {
    const next = parseInput(accountPolicySchema, { ...(await this.get()), ...patch }, 'policy');
    next.totpRequired = [...new Set(next.totpRequired)].sort();
    await this.redis.set(this.keys.accountPolicy, JSON.stringify(next));
    return next;
  }
}
