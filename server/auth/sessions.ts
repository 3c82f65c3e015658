/** @module Sessions in Redis: random ids, idle expiry, one set per user so they can all be ended at once. */
import { randomBytes } from 'node:crypto';
import { type Role, roleSchema } from '../../shared/roles.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

export interface Session {
  id: string;
  username: string;
  role: Role;
  createdAt: number;
}

export const SESSION_COOKIE = 'wf_sid';

export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly idleMs: number,
  ) {}

  /** A new session with a new id (never reuses one presented by the client). */
  async create(username: string, role: Role): Promise<Session> {
    const id = randomBytes(32).toString('base64url');
    const createdAt = Date.now();
    await this.redis
      .multi()
      .hset(this.keys.session(id), { username, role, createdAt: String(createdAt) })
      .pexpire(this.keys.session(id), this.idleMs)
      .sadd(this.keys.userSessions(username), id)
      .exec();
    return { id, username, role, createdAt };
  }

  /** The live session for an id, its idle timer refreshed; null when unknown or expired. */
  async get(id: string | undefined): Promise<Session | null> {
    if (!id || id.length > 128) return null;
    const [[, h], [, touched]] = (await this.redis
      .multi()
      .hgetall(this.keys.session(id))
      .pexpire(this.keys.session(id), this.idleMs)
      .exec()) as [[null, Record<string, string>], [null, number]];
    if (!touched || !h.username) return null;
    const role = roleSchema.safeParse(h.role);
    if (!role.success) return null;
    return { id, username: h.username, role: role.data, createdAt: Number(h.createdAt) };
  }

  async destroy(id: string): Promise<void> {
    const username = await this.redis.hget(this.keys.session(id), 'username');
    const m = this.redis.multi().del(this.keys.session(id));
    if (username) m.srem(this.keys.userSessions(username), id);
    await m.exec();
  }

  /** Ends every session of a user (disabled, or password changed). */
  async destroyAll(username: string): Promise<number> {
    const ids = await this.redis.smembers(this.keys.userSessions(username));
    const m = this.redis.multi();
    for (const id of ids) m.del(this.keys.session(id));
    m.del(this.keys.userSessions(username));
    await m.exec();
    return ids.length;
  }
}

/** Parses a Cookie header into a map (no dependency; values are URI-decoded). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie value is ignored
    }
  }
  return out;
}
