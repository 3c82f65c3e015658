/** @module User accounts in Redis: name, role, scrypt hash, disabled flag. */
import { z } from 'zod';
import { type Locale, localeSchema } from '../../shared/locale.js';
import { type Role, roleSchema } from '../../shared/roles.js';
import { badRequest, conflict, notFound, parseInput } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { withLock } from '../redis/lock.js';
import { runScript } from '../redis/scripts.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const passwordSchema = z
  .string()
  .min(10, 'at least 10 characters')
  .max(256)
  // said only of a password long enough with its spaces (a short one gets the first rule alone)
  .refine((p) => p.length < 10 || p.trim().length >= 10, 'at least 10 characters besides spaces');

/** The stored "hash" of an account made by single sign-on: it names no scheme, so no password ever matches. */
const SSO_ONLY = 'sso';

export interface User {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  /** The language chosen for the screens; absent: the browser's. */
  locale?: Locale;
}

export class UserStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async count(): Promise<number> {
    return this.redis.scard(this.keys.users);
  }

  /** Creates a user; fails with `conflict` when the name exists. */
  async add(username: string, role: Role, password: string): Promise<User> {
    // refusals every screen can say in its language ("password: shorter than 10 characters")
    parseInput(usernameSchema, username, 'username');
    parseInput(passwordSchema, password, 'password');
    const variant = await this.caseVariant(username);
    if (variant)
      throw conflict(`user ${variant} already exists (names differ only in case)`, {
        key: 'user.exists',
        params: { name: variant },
      });
    const hash = await hashPassword(password);
    const createdAt = Date.now();
    // One script: the account appears whole (hash and index) or not at all, and never over an existing name.
    const created = (await runScript(
      this.redis,
      'userAdd',
      [this.keys.user(username), this.keys.users],
      [username, role, hash, createdAt],
    )) as number;
    if (created === 0)
      throw conflict(`user ${username} already exists`, { key: 'user.exists', params: { name: username } });
    return { username, role, disabled: false, createdAt };
  }

  /**
   * Another account whose name differs from `username` only in case, or null: two such names would read as one person
   * in the audit trail and the session list, and let a provider's `Admin` sit beside the local `admin`.
   */
  private async caseVariant(username: string): Promise<string | null> {
    const lower = username.toLowerCase();
    const names = await this.redis.smembers(this.keys.users);
    return names.find((n) => n !== username && n.toLowerCase() === lower) ?? null;
  }

  async get(username: string): Promise<(User & { hash: string }) | null> {
    const h = await this.redis.hgetall(this.keys.user(username));
    if (!h.username || !h.hash) return null;
    const role = roleSchema.safeParse(h.role);
    if (!role.success) return null;
    const locale = localeSchema.safeParse(h.locale);
    return {
      username: h.username,
      role: role.data,
      disabled: h.disabled === '1',
      createdAt: Number(h.createdAt),
      hash: h.hash,
      ...(locale.success ? { locale: locale.data } : {}),
    };
  }

  /** The user when the password matches and the account is enabled; null otherwise (same cost either way). */
  async verify(username: string, password: string): Promise<User | null> {
    const user = await this.get(username);
    const ok = await verifyPassword(password, user?.hash ?? (await dummyHash()));
    if (!user || !ok || user.disabled) return null;
    const { hash: _h, ...rest } = user;
    return rest;
  }

  /**
   * An account signed in through single sign-on: created at its first sign-in without a usable password, its role
   * set from the provider at every sign-in. `disabled` when it is disabled here (a local disable holds whatever the
   * provider says); `local_account` when the name belongs to an account with a password, which the provider's user
   * may not take over (nor change its role).
   */
  async signInExternal(username: string, role: Role): Promise<User | 'disabled' | 'local_account'> {
    const name = usernameSchema.safeParse(username);
    if (!name.success)
      throw badRequest(`username from the identity provider: ${name.error.issues[0]!.message}`);
    const existing = await this.get(username);
    if (existing && existing.hash !== SSO_ONLY) return 'local_account';
    // the same name in other letters' case belongs to a local account: it is that account's name too
    const variant = existing ? null : await this.caseVariant(username);
    if (variant && (await this.get(variant))?.hash !== SSO_ONLY) return 'local_account';
    if (existing?.disabled) return 'disabled';
    if (!existing) {
      const createdAt = Date.now();
      // created by another instance at the same moment: it is the same account
      const keys = [this.keys.user(username), this.keys.users];
      await runScript(this.redis, 'userAdd', keys, [username, role, SSO_ONLY, createdAt]);
      return { username, role, disabled: false, createdAt };
    }
    if (existing.role !== role) await this.redis.hset(this.keys.user(username), 'role', role);
    const { hash: _h, ...kept } = existing;
    return { ...kept, role, disabled: false };
  }

  async setDisabled(username: string, disabled: boolean): Promise<void> {
    if (!(await this.get(username)))
      throw notFound(`no user ${username}`, { key: 'user.missing', params: { name: username } });
    await this.redis.hset(this.keys.user(username), 'disabled', disabled ? '1' : '0');
  }

  /** The user's language for the screens; null: back to the browser's. */
  async setLocale(username: string, locale: Locale | null): Promise<void> {
    if (!(await this.get(username)))
      throw notFound(`no user ${username}`, { key: 'user.missing', params: { name: username } });
    if (locale) await this.redis.hset(this.keys.user(username), 'locale', locale);
    else await this.redis.hdel(this.keys.user(username), 'locale');
  }

  async setPassword(username: string, password: string): Promise<void> {
    if (!(await this.get(username)))
      throw notFound(`no user ${username}`, { key: 'user.missing', params: { name: username } });
    parseInput(passwordSchema, password, 'password');
    await this.redis.hset(this.keys.user(username), 'hash', await hashPassword(password));
  }

  /**
   * Runs `change` with the accounts to itself: an account change that reads the accounts before writing one (is
   * this the last enabled admin?) is not interleaved with another (two admins disabling each other at once would
   * both see the other still enabled). 409 when another change holds them for more than 2 s.
   */
  exclusive<T>(change: () => Promise<T>): Promise<T> {
    return withLock(this.redis, this.keys.usersLock, change, {
      message: 'another account change is under way; try again',
      key: 'user.busy',
    });
  }

  async list(): Promise<User[]> {
    const names = await this.redis.smembers(this.keys.users);
    const users = await Promise.all(names.sort().map((n) => this.get(n)));
    return users.filter((u): u is User & { hash: string } => u !== null).map(({ hash: _h, ...u }) => u);
  }
}
