/**
 * @module Sessions in Redis. The cookie carries a random secret; the session is kept under its sha256, which is also
 * the public handle an admin sees and ends (the list never shows a secret). Idle expiry, an optional hard end (an
 * OIDC session never outlives the provider's ID token by more than the idle time), one set per user so they can all
 * be ended at once, and one set of all of them for the admin's list.
 */
import { randomBytes } from 'node:crypto';
import { type Role, roleSchema } from '../../shared/roles.js';
import { type SessionInfo, type SignInMethod, signInMethodSchema } from '../../shared/schemas/accounts.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import { tokenHash } from './bearer.js';

/** A signed-in user, as the request and the socket see it; `id` is the public handle. */
export interface Session {
  id: string;
  username: string;
  role: Role;
  createdAt: number;
  via: SignInMethod;
  amr: string[];
  address: string;
  userAgent: string;
  lastSeenAt: number;
  /** Epoch ms at which the session ends whatever its use; null: idle expiry only. */
  endsAt: number | null;
  /** Signed in with the password alone where a second factor is required: it may only enrol one. */
  mustEnrol: boolean;
  /** The provider's ID token of a single sign-on session (the hint of its logout); never listed. */
  idToken: string | null;
}

/** What a sign-in knows besides the user. */
export interface SessionOrigin {
  via: SignInMethod;
  address: string;
  userAgent: string;
  /** Second factors used (`totp`, or the provider's `amr`). */
  amr?: readonly string[];
  endsAt?: number | null;
  mustEnrol?: boolean;
  idToken?: string;
}

export const SESSION_COOKIE = 'wf_sid';

/** The handle of the session a cookie's secret opens. */
export const sessionHandle = (secret: string): string => tokenHash(secret);

export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly idleMs: number,
  ) {}

  /** A new session with a new secret (never reuses one presented by the client); the secret goes in the cookie. */
  async create(
    username: string,
    role: Role,
    origin: SessionOrigin,
    now = Date.now(),
  ): Promise<{ secret: string; session: Session }> {
    const secret = randomBytes(32).toString('base64url');
    const session: Session = {
      id: sessionHandle(secret),
      username,
      role,
      createdAt: now,
      via: origin.via,
      amr: [...(origin.amr ?? [])],
      address: origin.address.slice(0, 64),
      userAgent: origin.userAgent.slice(0, 256),
      lastSeenAt: now,
      endsAt: origin.endsAt ?? null,
      mustEnrol: origin.mustEnrol ?? false,
      idToken: origin.idToken ?? null,
    };
    const key = this.keys.session(session.id);
    await this.redis
      .multi()
      .hset(key, {
        username,
        role,
        createdAt: String(now),
        via: session.via,
        amr: session.amr.join(' '),
        address: session.address,
        userAgent: session.userAgent,
        lastSeenAt: String(now),
        endsAt: String(session.endsAt ?? 0),
        enrol: session.mustEnrol ? '1' : '0',
        idToken: session.idToken ?? '',
      })
      .pexpire(key, this.idleMs)
      .sadd(this.keys.userSessions(username), session.id)
      .sadd(this.keys.sessions, session.id)
      .exec();
    return { secret, session };
  }

  /** The live session a cookie's secret opens, its idle timer refreshed; null when unknown, expired or past its end. */
  async get(secret: string | undefined, now = Date.now()): Promise<Session | null> {
    if (!secret || secret.length > 128) return null;
    const handle = sessionHandle(secret);
    const fields = (await runScript(
      this.redis,
      'sessionTouch',
      [this.keys.session(handle)],
      [this.idleMs, now],
    )) as string[] | null;
    const session = fromFields(handle, fields ?? []);
    if (session?.endsAt && session.endsAt <= now) {
      await this.destroy(handle);
      return null;
    }
    return session;
  }

  /** Ends one session by its handle; the username it belonged to, or null when there was none. */
  async destroy(handle: string): Promise<string | null> {
    const username = await this.redis.hget(this.keys.session(handle), 'username');
    const m = this.redis.multi().del(this.keys.session(handle)).srem(this.keys.sessions, handle);
    if (username) m.srem(this.keys.userSessions(username), handle);
    await m.exec();
    return username;
  }

  /** Ends every session of a user (disabled, password changed, or their own choice) but `keep`; the handles ended. */
  async destroyAll(username: string, keep?: string): Promise<string[]> {
    const ids = (await this.redis.smembers(this.keys.userSessions(username))).filter((id) => id !== keep);
    if (ids.length === 0) return [];
    const exists = await Promise.all(ids.map((id) => this.redis.exists(this.keys.session(id))));
    const m = this.redis.multi();
    for (const id of ids) m.del(this.keys.session(id));
    m.srem(this.keys.userSessions(username), ...ids).srem(this.keys.sessions, ...ids);
    await m.exec();
    return ids.filter((_, i) => exists[i] === 1);
  }

  /** A second factor was enrolled in this session: it is a full session from now on, with `totp` among its factors. */
  async completeEnrolment(handle: string): Promise<void> {
    const key = this.keys.session(handle);
    if ((await this.redis.exists(key)) === 1) await this.redis.hset(key, { enrol: '0', amr: 'totp' });
  }

  /**
   * Which of `handles` are still live at `now` (not ended, not idle past their expiry, not past their end), without
   * touching them: one pipeline, for the sockets' periodic check.
   */
  async alive(handles: readonly string[], now = Date.now()): Promise<Set<string>> {
    const live = new Set<string>();
    if (handles.length === 0) return live;
    const p = this.redis.pipeline();
    for (const handle of handles) p.hmget(this.keys.session(handle), 'username', 'endsAt');
    const rows = (await p.exec()) ?? [];
    handles.forEach((handle, i) => {
      const [err, fields] = rows[i] ?? [null, null];
      if (err) throw err;
      const [username, endsAt] = (fields ?? [null, null]) as (string | null)[];
      const end = Number(endsAt);
      if (username && !(Number.isFinite(end) && end > 0 && end <= now)) live.add(handle);
    });
    return live;
  }

  /** One session by its handle, without touching it. */
  async peek(handle: string): Promise<Session | null> {
    return fromFields(handle, flatten(await this.redis.hgetall(this.keys.session(handle))));
  }

  /** Every live session (all users, or one user's), most recently seen first; expired handles are pruned. */
  async list(username?: string): Promise<Session[]> {
    const index = username ? this.keys.userSessions(username) : this.keys.sessions;
    const ids = await this.redis.smembers(index);
    const p = this.redis.pipeline();
    for (const id of ids) p.hgetall(this.keys.session(id));
    const rows = (await p.exec()) ?? [];
    const out: Session[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const s = fromFields(id, flatten((rows[i]?.[1] ?? {}) as Record<string, string>));
      if (s) out.push(s);
      else gone.push(id);
    });
    if (gone.length) await this.redis.srem(index, ...gone);
    return out.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  }
}

/** The public view of a session for the list. */
export function sessionInfo(s: Session, currentId: string | undefined): SessionInfo {
  return {
    id: s.id,
    username: s.username,
    role: s.role,
    via: s.via,
    amr: s.amr,
    address: s.address,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    current: s.id === currentId,
  };
}

const flatten = (h: Record<string, string>): string[] => Object.entries(h).flat();

function fromFields(id: string, fields: readonly string[]): Session | null {
  const h: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) h[fields[i]!] = fields[i + 1]!;
  if (!h.username) return null;
  const role = roleSchema.safeParse(h.role);
  if (!role.success) return null;
  const via = signInMethodSchema.safeParse(h.via);
  const endsAt = Number(h.endsAt);
  return {
    id,
    username: h.username,
    role: role.data,
    createdAt: Number(h.createdAt),
    via: via.success ? via.data : 'password',
    amr: h.amr ? h.amr.split(' ') : [],
    address: h.address ?? '',
    userAgent: h.userAgent ?? '',
    lastSeenAt: Number(h.lastSeenAt ?? h.createdAt),
    endsAt: Number.isFinite(endsAt) && endsAt > 0 ? endsAt : null,
    mustEnrol: h.enrol === '1',
    idToken: h.idToken || null,
  };
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
