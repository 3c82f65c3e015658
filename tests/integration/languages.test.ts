/**
 * Languages on the server's side: a user's language is stored on the user and changed by the user alone (PUT
 * /api/me/locale, `account.own`); a display token names its wall's language (`--locale` on the CLI, `locale` on the
 * admin API) and `/api/wall` says it; server-made text that reaches a screen carries a catalogue key and parameters
 * beside its English, and every key it sends exists in both catalogues.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOGUES } from '../../client/src/i18n/index.js';
import { raiseAlert } from '../support/alerts.js';
import { runCommand } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
});
afterAll(async () => wf?.close());

const json = (cookie: string, method: string, body?: unknown) => ({
  method,
  headers: { cookie, 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** True when `server.<key>` is a text (or a plural family) in `catalogue`. */
function hasKey(catalogue: object, key: string): boolean {
  let node: unknown = catalogue;
  const parts = `server.${key}`.split('.');
  const last = parts.pop()!;
  for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
  const leaf = node as Record<string, unknown> | undefined;
  return typeof leaf?.[last] === 'string' || typeof leaf?.[`${last}_other`] === 'string';
}

describe("a user's language", () => {
  it('is absent until chosen, stored on the user, answered by /api/me and at the next login', async () => {
    await wf.users.add('rasa', 'operator', 'correct horse battery');
    const cookie = await wf.login('rasa', 'correct horse battery');
    expect(await (await fetch(`${wf.url}/api/me`, { headers: { cookie } })).json()).toEqual({
      username: 'rasa',
      role: 'operator',
    });
    const set = await fetch(`${wf.url}/api/me/locale`, json(cookie, 'PUT', { locale: 'lt' }));
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ username: 'rasa', role: 'operator', locale: 'lt' });
    expect((await wf.users.get('rasa'))?.locale).toBe('lt');
    const again = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rasa', password: 'correct horse battery' }),
    });
    expect(await again.json()).toMatchObject({ username: 'rasa', locale: 'lt' });
    // back to the browser's
    const reset = await fetch(`${wf.url}/api/me/locale`, json(cookie, 'PUT', { locale: null }));
    expect(await reset.json()).toEqual({ username: 'rasa', role: 'operator' });
    expect((await wf.users.get('rasa'))?.locale).toBeUndefined();
  });

  it('refuses a language the catalogues do not hold, a caller without a session, and an API token', async () => {
    const cookie = await wf.userCookie('lead');
    const bad = await fetch(`${wf.url}/api/me/locale`, json(cookie, 'PUT', { locale: 'xx' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
    const hostile = await fetch(`${wf.url}/api/me/locale`, json(cookie, 'PUT', { locale: '__proto__' }));
    expect(hostile.status).toBe(400);
    const anonymous = await fetch(`${wf.url}/api/me/locale`, json('', 'PUT', { locale: 'lt' }));
    expect(anonymous.status).toBe(401);
    const { secret } = await wf.accounts.createApiToken(
      { name: 'cli:test', role: 'admin' },
      { name: 'lang-bot', role: 'lead' },
    );
    const token = await fetch(`${wf.url}/api/me/locale`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'lt' }),
    });
    expect(token.status).toBe(403);
  });
});

describe("a wall's language", () => {
  it('is named by the display token (admin API) and answered by /api/wall; none when not named', async () => {
    const admin = await wf.userCookie('admin');
    const lt = await wf.createDisplayToken(admin, { label: 'Vilnius wall', locale: 'lt' });
    const plain = await wf.createDisplayToken(admin, { label: 'plain wall' });
    const wall = async (secret: string) =>
      (await fetch(`${wf.url}/api/wall`, { headers: { authorization: `Bearer ${secret}` } })).json();
    expect(await wall(lt.secret)).toMatchObject({ label: 'Vilnius wall', locale: 'lt' });
    expect(await wall(plain.secret)).not.toHaveProperty('locale');
    const bad = await fetch(
      `${wf.url}/api/display-tokens`,
      json(admin, 'POST', { label: 'x', locale: 'fr' }),
    );
    expect(bad.status).toBe(400);
  });

  it('is set by `watchfloor display-token create LABEL --locale lt`, listed, and refused when unknown', async () => {
    const env = { REDIS_URL: inject('redisUrl'), WF_PREFIX: wf.prefix };
    const create = await runCommand('cli', ['display-token', 'create', 'Kaunas wall', '--locale', 'lt'], env);
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toContain('in Lietuvių');
    const secret = new URL(create.stdout.trim()).searchParams.get('token')!;
    const wall = await fetch(`${wf.url}/api/wall`, { headers: { authorization: `Bearer ${secret}` } });
    expect(await wall.json()).toMatchObject({ label: 'Kaunas wall', locale: 'lt' });
    const list = await runCommand('cli', ['display-token', 'list'], env);
    expect(list.stdout).toMatch(/\tKaunas wall\t.*\tlt\n/);
    const wrong = await runCommand('cli', ['display-token', 'create', 'x', '--locale', 'de'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--locale must be en or lt');
  }, 60_000);
});

describe('server-made text', () => {
  it('keeps its English for programs and adds a key and parameters that both catalogues hold', async () => {
    const leadA = await wf.userCookie('lead');
    const leadB = await wf.userCookie('lead');
    const alert = await raiseAlert(wf);
    const ack = await fetch(`${wf.url}/api/alerts/${alert.id}/ack`, json(leadA, 'POST', { note: 'mine' }));
    expect(ack.status).toBe(200);
    const owner = (await ack.json()).alert.owner as string;
    const again = await fetch(
      `${wf.url}/api/alerts/${alert.id}/ack`,
      json(leadB, 'POST', { note: 'no, mine' }),
    );
    expect(again.status).toBe(409);
    const { error } = await again.json();
    expect(error).toEqual({
      code: 'conflict',
      message: `alert ${alert.id} is acknowledged by ${owner}`,
      key: 'alert.acked_by',
      params: { id: alert.id, owner },
    });
    const login = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'wrong password' }),
    });
    const refused = (await login.json()).error;
    expect(refused).toMatchObject({ code: 'unauthenticated', message: 'invalid username or password' });
    const bulk = await fetch(
      `${wf.url}/api/alerts/bulk`,
      json(leadB, 'POST', { ids: [alert.id], action: 'escalate', note: '' }),
    );
    const failed = (await bulk.json()).failed?.[0] ?? null;
    // an id given twice is acted on once; an unknown one fails with its key
    const twice = await fetch(
      `${wf.url}/api/alerts/bulk`,
      json(leadB, 'POST', { ids: [alert.id, 'A999999', alert.id], action: 'note', text: 'seen twice?' }),
    );
    const answer = (await twice.json()) as { alerts: unknown[]; failed: { id: string; key?: string }[] };
    expect(answer.alerts).toHaveLength(1);
    expect(answer.failed).toEqual([
      { id: 'A999999', error: 'no alert A999999', key: 'alert.not_found', params: { id: 'A999999' } },
    ]);
    const notJson = await fetch(`${wf.url}/api/alerts/${alert.id}/note`, {
      method: 'POST',
      headers: { cookie: leadB, 'content-type': 'text/plain' },
      body: 'a note',
    });
    const request = (await notJson.json()).error;
    expect(request.key).toBe('request.json_only');
    const keys = [
      error.key,
      refused.key,
      'alert.not_found',
      request.key,
      'request.too_large',
      'request.bad_json',
      'request.not_object',
      'alert.keeps_changing',
      ...(failed?.key ? [failed.key] : []),
    ];
    for (const key of keys) {
      expect(hasKey(CATALOGUES.en, key), `en ${key}`).toBe(true);
      expect(hasKey(CATALOGUES.lt, key), `lt ${key}`).toBe(true);
    }
  });

  it('names the permission a refusal lacks, over HTTP and on sockets, with keys both catalogues hold', async () => {
    const operator = await wf.userCookie('operator');
    const http = await fetch(`${wf.url}/api/users`, { headers: { cookie: operator } });
    expect(http.status).toBe(403);
    const refused = (await http.json()).error;
    expect(refused).toEqual({
      code: 'forbidden',
      message: 'your role may not do this (admin)',
      key: 'access.role_may_not',
      params: { role: 'operator', permission: 'admin' },
    });
    const socket = wf.socket(operator);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const ack = await socket.timeout(5000).emitWithAck('alert:ack', { id: 'A1', note: 'x' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'access.role_may_not' } });
    socket.disconnect();
    const admin = await wf.userCookie('admin');
    const wall = wf.wallSocket(
      (await wf.createDisplayToken(admin, { label: 'refusals', segments: [] })).secret,
    );
    await new Promise((resolve) => wall.once('snapshot', resolve));
    const watched = await wall.timeout(5000).emitWithAck('watch', { host: '10.0.0.1' });
    expect(watched).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    wall.disconnect();
    const keys = [refused, ack, watched].map((r) => ('error' in r ? r.error : r).key as string);
    for (const key of keys) {
      expect(key, JSON.stringify(keys)).toMatch(/^access\./);
      expect(hasKey(CATALOGUES.en, key), `en ${key}`).toBe(true);
      expect(hasKey(CATALOGUES.lt, key), `lt ${key}`).toBe(true);
    }
  });

  it('reaches a socket ack the same way', async () => {
    const lead = await wf.userCookie('lead');
    const socket = wf.socket(lead);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const alert = await raiseAlert(wf);
    const first = await fetch(
      `${wf.url}/api/alerts/${alert.id}/escalate`,
      json(lead, 'POST', { note: 'CERT' }),
    );
    expect(first.status).toBe(200);
    const answer = await socket.timeout(5000).emitWithAck('alert:escalate', { id: alert.id, note: 'again' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `alert ${alert.id} is already escalated`,
        key: 'alert.already_escalated',
        params: { id: alert.id },
      },
    });
  });
});
