/**
 * Sessions an admin can see, against two real instances on one Redis: the list (how, from where, never a secret),
 * ending one session closes its socket on the other instance at once, a user ends their own, a new sign-in ends the
 * others when the policy says so, a password change always does, a hard end is kept; a logout closes the session's
 * sockets at once, and a session that ends by itself (idle expiry) has its sockets' requests refused and the sockets
 * closed within the instance's check (`WF_SESSION_CHECK_S`, 1 s on instance b here).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sessionHandle } from '../../server/auth/sessions.js';
import { Keys } from '../../server/redis/keys.js';
import type { SessionInfo } from '../../shared/schemas/accounts.js';
import { type ClientSocket, startTestServer, type TestServer } from '../support/server.js';

let a: TestServer;
let b: TestServer;
let admin: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  a = await startTestServer(inject('redisUrl'), { WF_CONSUMER: 'a' });
  b = await startTestServer(inject('redisUrl'), {
    WF_PREFIX: a.prefix,
    WF_STREAMS: a.stream,
    WF_CONSUMER: 'b',
    WF_SESSION_CHECK_S: '1',
  });
  admin = await a.userCookie('admin');
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

async function api(server: TestServer, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', 'user-agent': 'sessions-test/1.0' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const connected = (socket: ClientSocket) => new Promise((resolve) => socket.once('snapshot', resolve));
const disconnected = (socket: ClientSocket) =>
  new Promise<string>((resolve) => socket.once('disconnect', resolve));
const secretOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1]!);

describe('sessions', () => {
  it('lists every live session with how and where, never a secret; ending one closes its socket on every instance', async () => {
    await a.users.add('sasha', 'lead', PASSWORD);
    const cookie = await a.login('sasha', PASSWORD);
    const socket = b.socket(cookie);
    await connected(socket);

    const list = await api(a, admin, 'GET', '/api/sessions');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(secretOf(cookie));
    const sessions = list.body.sessions as SessionInfo[];
    const mine = sessions.find((s) => s.username === 'sasha')!;
    expect(mine).toMatchObject({ role: 'lead', via: 'password', amr: [], current: false });
    expect(mine.address).toMatch(/127\.0\.0\.1/);
    expect(sessions.find((s) => s.current)?.role).toBe('admin');

    const gone = disconnected(socket);
    expect((await api(a, admin, 'DELETE', `/api/sessions/${mine.id}`)).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await api(b, cookie, 'GET', '/api/me')).status).toBe(401);
    expect((await api(a, admin, 'DELETE', `/api/sessions/${mine.id}`)).status).toBe(404);
  });

  it('lets a user see and end their own sessions only', async () => {
    await a.users.add('uma', 'operator', PASSWORD);
    const here = await a.login('uma', PASSWORD);
    const there = await b.login('uma', PASSWORD);
    const elsewhere = await b.login('uma', PASSWORD);
    expect((await api(a, here, 'GET', '/api/sessions')).status).toBe(403);
    const own = (await api(a, here, 'GET', '/api/me/sessions')).body.sessions as SessionInfo[];
    expect(own).toHaveLength(3);
    expect(own.every((s) => s.username === 'uma')).toBe(true);
    // another user's session is not theirs to end (nor to learn of)
    const adminSession = (
      (await api(a, admin, 'GET', '/api/me/sessions')).body.sessions as SessionInfo[]
    )[0]!;
    expect((await api(a, here, 'DELETE', `/api/sessions/${adminSession.id}`)).status).toBe(404);
    expect((await api(a, admin, 'GET', '/api/me')).status).toBe(200);
    // one of their own, then all the others but this one
    const thereId = own.find((s) => !s.current)!.id;
    expect((await api(a, here, 'DELETE', `/api/sessions/${thereId}`)).status).toBe(200);
    const ended = await api(a, here, 'POST', '/api/me/sessions/end', { keepCurrent: true });
    expect(ended.body).toEqual({ ok: true, endedSessions: 1 });
    expect((await api(b, there, 'GET', '/api/me')).status).toBe(401);
    expect((await api(b, elsewhere, 'GET', '/api/me')).status).toBe(401);
    expect((await api(a, here, 'GET', '/api/me')).status).toBe(200);
    expect((await api(a, here, 'POST', '/api/me/sessions/end', {})).body).toEqual({
      ok: true,
      endedSessions: 1,
    });
    expect((await api(a, here, 'GET', '/api/me')).status).toBe(401);
  });

  it('ends the other sessions at a new sign-in when the policy says so', async () => {
    await a.users.add('noor', 'lead', PASSWORD);
    const first = await a.login('noor', PASSWORD);
    const socket = b.socket(first);
    await connected(socket);
    expect((await api(a, admin, 'PUT', '/api/account-policy', { newLoginEndsOthers: true })).status).toBe(
      200,
    );
    try {
      const gone = disconnected(socket);
      const second = await b.login('noor', PASSWORD);
      expect(await gone).toBe('io server disconnect');
      expect((await api(a, first, 'GET', '/api/me')).status).toBe(401);
      expect((await api(a, second, 'GET', '/api/me')).status).toBe(200);
    } finally {
      await api(a, admin, 'PUT', '/api/account-policy', { newLoginEndsOthers: false });
    }
    // with the policy off, sessions live side by side
    const third = await a.login('noor', PASSWORD);
    const fourth = await a.login('noor', PASSWORD);
    for (const c of [third, fourth]) expect((await api(a, c, 'GET', '/api/me')).status).toBe(200);
    const audit = await a.audit.query({ actor: 'noor' });
    expect(audit.some((r) => r.action === 'session.end-all')).toBe(true);
  });

  it('always ends every session and socket when the password changes', async () => {
    await a.users.add('pia', 'operator', PASSWORD);
    const cookies = [await a.login('pia', PASSWORD), await b.login('pia', PASSWORD)];
    const socket = a.socket(cookies[1]!);
    await connected(socket);
    const gone = disconnected(socket);
    const res = await api(b, admin, 'POST', '/api/users/pia/password', { password: 'a brand new one' });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    for (const c of cookies) expect((await api(a, c, 'GET', '/api/me')).status).toBe(401);
  });

  it('closes a session’s sockets on every instance at once when it logs out', async () => {
    await a.users.add('lou', 'lead', PASSWORD);
    const cookie = await a.login('lou', PASSWORD);
    const socket = b.socket(cookie);
    await connected(socket);
    const gone = disconnected(socket);
    expect((await api(a, cookie, 'POST', '/api/logout')).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });

  it('refuses the requests of a socket whose session ended by itself, and closes it within the check', async () => {
    await a.users.add('ida', 'lead', PASSWORD);
    // idle expiry: Redis lets the session's key go, and nothing kicks its sockets
    const expire = (cookie: string) =>
      a.redis.del(new Keys(a.prefix).session(sessionHandle(secretOf(cookie))));

    // a (checks every 30 s): the socket's next request is refused, and the socket closed
    const asking = await a.login('ida', PASSWORD);
    const socket = a.socket(asking);
    await connected(socket);
    expect((await socket.timeout(5000).emitWithAck('resync', {})).ok).toBe(true);
    await expire(asking);
    const gone = disconnected(socket);
    const answer = await socket.timeout(5000).emitWithAck('resync', {});
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', key: 'access.session_ended' },
    });
    expect(await gone).toBe('io server disconnect');

    // b (checks every second): a socket that only listens is closed without asking anything
    const listening = await a.login('ida', PASSWORD);
    const quiet = b.socket(listening);
    await connected(quiet);
    const closed = disconnected(quiet);
    const at = Date.now();
    await expire(listening);
    expect(await closed).toBe('io server disconnect');
    expect(Date.now() - at).toBeLessThan(5_000);
  });

  it('keeps a hard end: the session is refused past it whatever its use', async () => {
    const now = Date.now();
    const { secret } = await a.sessions.create('pia', 'operator', {
      via: 'oidc',
      address: '10.0.0.1',
      userAgent: 'x',
      amr: ['mfa'],
      endsAt: now + 60_000,
    });
    expect((await a.sessions.get(secret, now))?.amr).toEqual(['mfa']);
    expect(await a.sessions.get(secret, now + 61_000)).toBeNull();
    expect(await a.sessions.get(secret, now)).toBeNull();
  });
});
