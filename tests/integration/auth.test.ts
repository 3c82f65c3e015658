/** Login, sessions, roles and the socket's checks: unauthenticated and cross-origin sockets are refused. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  await wf.users.add('alice', 'lead', 'correct horse battery');
});
afterAll(async () => wf?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${wf.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

function connectError(
  socket: ReturnType<TestServer['socket']>,
): Promise<Error & { data?: { code: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    socket.once('connect_error', resolve);
  });
}

describe('login and sessions', () => {
  it('logs in with a new httpOnly SameSite=Strict session cookie and answers /api/me', async () => {
    const res = await post('/api/login', { username: 'alice', password: 'correct horse battery' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: 'alice', role: 'lead' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const again = await post('/api/login', { username: 'alice', password: 'correct horse battery' });
    expect(again.headers.get('set-cookie')!.split(';')[0]).not.toBe(cookie.split(';')[0]);
    const me = await fetch(`${wf.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toEqual({ username: 'alice', role: 'lead' });
  });

  it('answers the same error for an unknown user and a wrong password', async () => {
    const a = await post('/api/login', { username: 'nobody', password: 'whatever it is' });
    const b = await post('/api/login', { username: 'alice', password: 'wrong password!' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(await a.json()).toEqual(await b.json());
  });

  it('throttles repeated failures with 429', async () => {
    await wf.users.add('bob', 'operator', 'correct horse battery');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await post('/api/login', { username: 'bob', password: `nope-${i}-xxxx` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const right = await post('/api/login', { username: 'bob', password: 'correct horse battery' });
    expect(right.status).toBe(429);
  });

  it('rejects bad bodies with 400 and an error envelope, and cross-origin writes with 403', async () => {
    const bad = await post('/api/login', { username: 42 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request' } });
    const malformed = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    // valid JSON that is no object: named for what it is, not taken for a syntax error
    for (const body of ['null', '42', '"x"']) {
      const notObject = await fetch(`${wf.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(notObject.status).toBe(400);
      expect(await notObject.json()).toEqual({
        error: { code: 'bad_request', message: 'the body must be a JSON object', key: 'request.not_object' },
      });
    }
    expect((await malformed.json()).error.key).toBe('request.bad_json');
    // a body that is not JSON is refused as such, not blamed on every field the schema then missed
    const text = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ username: 'alice', password: 'correct horse battery' }),
    });
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({
      error: {
        code: 'bad_request',
        message: 'send the body as JSON (content-type: application/json), not text/plain',
        key: 'request.json_only',
      },
    });
    // too large: a key and the limit, for screens in either language
    const big = await post('/api/login', { username: 'alice', password: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({
      code: 'too_large',
      key: 'request.too_large',
      params: { limit: 65_536 },
    });
    // a charset or an encoding not read, and a path that cannot be decoded: each said with a key for screens
    const latin = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=ebcdic' },
      body: '{}',
    });
    expect(latin.status).toBe(400);
    expect((await latin.json()).error).toMatchObject({
      key: 'request.bad_charset',
      params: { charset: 'ebcdic' },
    });
    const zipped = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"username":"alice"}',
    });
    expect(zipped.status).toBe(400);
    expect((await zipped.json()).error).toMatchObject({ code: 'bad_request', key: 'request.bad_body' });
    const path = await fetch(`${wf.url}/api/hosts/%E0%A4%A`, {
      headers: { cookie: await wf.userCookie('operator') },
    });
    expect(path.status).toBe(400);
    expect((await path.json()).error).toMatchObject({ key: 'request.bad_path' });
    const notIp = await fetch(`${wf.url}/api/hosts/not-an-ip`, {
      headers: { cookie: await wf.userCookie('operator') },
    });
    expect((await notIp.json()).error).toMatchObject({
      key: 'request.not_ip',
      params: { value: 'not-an-ip' },
    });
    // a request without a body still needs no content type
    expect((await fetch(`${wf.url}/api/logout`, { method: 'POST' })).status).toBe(200);
    const empty = await fetch(`${wf.url}/api/login`, { method: 'POST' });
    expect((await empty.json()).error.key).not.toBe('request.json_only');
    // a caller refused learns nothing of the input rules: no session is a 401 before the body's type is looked at
    const anonymous = await fetch(`${wf.url}/api/alerts/A1/ack`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'on it',
    });
    expect(anonymous.status).toBe(401);
    const cross = await post(
      '/api/login',
      { username: 'alice', password: 'correct horse battery' },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
  });

  it('refuses API reads without a session (401) and ends the session at logout', async () => {
    expect((await fetch(`${wf.url}/api/stats`)).status).toBe(401);
    const cookie = await wf.login('alice', 'correct horse battery');
    expect((await fetch(`${wf.url}/api/stats`, { headers: { cookie } })).status).toBe(200);
    await post('/api/logout', {}, { cookie });
    expect((await fetch(`${wf.url}/api/stats`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('socket authentication', () => {
  it('refuses a socket without a session', async () => {
    const err = await connectError(wf.socket(null));
    expect(err.data?.code).toBe('unauthenticated');
  });

  it('refuses a socket from another origin, even with a valid session', async () => {
    const cookie = await wf.login('alice', 'correct horse battery');
    const err = await connectError(wf.socket(cookie, { origin: 'https://evil.example' }));
    expect(err.message).toMatch(/origin|xhr poll error|websocket error/i);
  });

  it('accepts a socket with a session and answers bad payloads with an error envelope', async () => {
    const cookie = await wf.login('alice', 'correct horse battery');
    const socket = wf.socket(cookie);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const answer = await socket.timeout(5000).emitWithAck('watch', { host: 'not-an-ip' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: expect.any(String),
        key: 'request.not_ip',
        params: { value: 'not-an-ip' },
      },
    });
  });

  it('refuses a recovered connection whose session ended meanwhile', async () => {
    const cookie = await wf.login('alice', 'correct horse battery');
    const socket = wf.socket(cookie);
    await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
    await wf.sessions.destroyAll('alice');
    socket.io.engine.close(); // a network drop: the client would try to recover the session
    socket.connect();
    const err = await connectError(socket);
    expect(err.data?.code).toBe('unauthenticated');
  });
});
