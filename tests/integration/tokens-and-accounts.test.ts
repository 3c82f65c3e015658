/** Display tokens (wall data only, revocation disconnects) and accounts (disabling ends sessions and sockets). */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import type { Frame, Snapshot } from '../../shared/schemas/frame.js';
import { raiseAlert } from '../support/alerts.js';
import { startTestServer, type TestServer, waitFor } from '../support/server.js';

let wf: TestServer;
let admin: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  admin = await wf.userCookie('admin');
});
afterAll(async () => wf?.close());

const wallSocket = (token: string) => wf.wallSocket(token);
const createToken = (body: { label: string; segments?: string[] }) => wf.createDisplayToken(admin, body);

describe('display tokens', () => {
  it('opens wall data and nothing else', async () => {
    const { secret, url } = await createToken({ label: 'ops wall' });
    expect(url).toContain(`/wall?token=${secret}`);
    const wall = await fetch(`${wf.url}/api/wall`, { headers: { authorization: `Bearer ${secret}` } });
    expect(await wall.json()).toEqual({
      label: 'ops wall',
      segments: [],
      alerting: { raise: 60, clear: 40, bands: { critical: 90, high: 75, medium: 60 } },
    });
    for (const path of [
      '/api/stats',
      '/api/alerts',
      '/api/me',
      '/api/users',
      '/api/audit',
      '/api/dlq',
      '/api/settings',
    ]) {
      const res = await fetch(`${wf.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });
      expect(res.status, path).toBe(401);
    }
    const target = await raiseAlert(wf);
    for (const [method, path, body] of [
      ['POST', `/api/alerts/${target.id}/ack`, { note: 'x' }],
      ['POST', `/api/alerts/${target.id}/resolve`, { note: 'x', disposition: 'benign' }],
      ['POST', '/api/alerts/bulk', { ids: [target.id], action: 'resolve', note: 'x', disposition: 'benign' }],
      ['POST', '/api/rules', { entity: '10.0.0.1', reason: 'x', expiresAt: Date.now() + 60_000 }],
      ['POST', '/api/users', { username: 'eve', role: 'admin', password: 'correct horse battery' }],
      ['POST', '/api/display-tokens', { label: 'x' }],
      ['PUT', '/api/settings', { raise: 10 }],
      ['POST', '/api/dlq/requeue', { all: true }],
    ] as const) {
      const res = await fetch(`${wf.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await wf.alerts.get(target.id)).version).toBe(1);
    expect((await wf.audit.query({ alert: target.id })).map((r) => r.action)).toEqual(['alert.raise']);
    const socket = wallSocket(secret);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const alert = await raiseAlert(wf);
    const answer = await socket.timeout(5000).emitWithAck('alert:ack', { id: alert.id, note: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await wf.alerts.get(alert.id)).state).toBe('open');
    socket.disconnect();
  });

  it('limits a token to its segments', async () => {
    const { secret } = await createToken({ label: 'energy wall', segments: ['energy'] });
    const socket = wallSocket(secret);
    const snap = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snap.series.every((p) => p.segment === 'energy')).toBe(true);
    const now = Date.now();
    await wf.redis.xadd(
      wf.stream,
      '*',
      'event',
      JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: '10.1.0.1', segment: 'energy' }),
    );
    await wf.redis.xadd(
      wf.stream,
      '*',
      'event',
      JSON.stringify({ ts: now, sensor: 's', kind: 'flow', src_ip: '10.2.0.1', segment: 'health' }),
    );
    const frame = await waitFor<Frame>(socket, 'frame', (f) =>
      f.points.some((p) => p.segment === 'energy' && p.events > 0),
    );
    expect(frame.points.every((p) => p.segment === 'energy')).toBe(true);
    socket.disconnect();
  });

  it('revoking disconnects the screen at once and refuses it afterwards', async () => {
    const { secret, token } = await createToken({ label: 'to revoke' });
    const socket = wallSocket(secret);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await fetch(`${wf.url}/api/display-tokens/${token.id}`, {
      method: 'DELETE',
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    const again = wallSocket(secret);
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      again.once('connect_error', resolve),
    );
    expect(err.data?.code).toBe('unauthenticated');
    expect(
      (await fetch(`${wf.url}/api/wall`, { headers: { authorization: `Bearer ${secret}` } })).status,
    ).toBe(401);
  });
});

describe('accounts', () => {
  it('lets only admins manage users and tokens', async () => {
    const lead = await wf.userCookie('lead');
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['GET', '/api/display-tokens'],
      ['POST', '/api/display-tokens'],
      ['POST', '/api/users/x/disable'],
    ] as const) {
      const res = await fetch(`${wf.url}${path}`, {
        method,
        headers: { cookie: lead, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('an admin may not disable their own account, nor anyone the last enabled admin', async () => {
    const me = (await (await fetch(`${wf.url}/api/me`, { headers: { cookie: admin } })).json()).username;
    const self = await fetch(`${wf.url}/api/users/${me}/disable`, {
      method: 'POST',
      headers: { cookie: admin },
    });
    expect(self.status).toBe(409);
    expect((await self.json()).error).toMatchObject({ code: 'conflict', key: 'user.not_self' });
    expect((await fetch(`${wf.url}/api/me`, { headers: { cookie: admin } })).status).toBe(200);
    // every other admin disabled (from the CLI's side): the last one stays
    const cli = { name: 'cli:test', role: 'cli' } as const;
    const others = (await wf.accounts.listUsers()).filter(
      (u) => u.role === 'admin' && !u.disabled && u.username !== me,
    );
    for (const u of others) await wf.accounts.disable(cli, u.username);
    const last = await wf.accounts.disable(cli, me).catch((err: AppError) => err);
    expect(last).toBeInstanceOf(AppError);
    expect((last as AppError).toBody()).toEqual({
      code: 'conflict',
      message: `${me} is the last enabled admin; add or enable another admin first`,
      key: 'user.last_admin',
      params: { name: me },
    });
    expect((await fetch(`${wf.url}/api/me`, { headers: { cookie: admin } })).status).toBe(200);
    for (const u of others) await wf.accounts.enable(cli, u.username);
  });

  it('disabling a user ends their sessions and sockets at once', async () => {
    const created = await fetch(`${wf.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username: 'mallory', role: 'lead', password: 'correct horse battery' }),
    });
    expect(created.status).toBe(201);
    const cookie = await wf.login('mallory', 'correct horse battery');
    const socket = wf.socket(cookie);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await fetch(`${wf.url}/api/users/mallory/disable`, {
      method: 'POST',
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await fetch(`${wf.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    const login = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mallory', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(401);
    const audit = await wf.audit.query({});
    expect(audit.some((r) => r.action === 'user.disable' && r.note === 'mallory')).toBe(true);
    expect(audit.some((r) => r.action === 'login' && r.actor === 'mallory')).toBe(true);
    expect(audit.some((r) => r.action === 'login.failed' && r.actor === 'mallory')).toBe(true);
  });

  // last in the file: it ends the sessions of one of the two admins
  it('two admins disabled at the same moment: one change waits for the other, and one admin stays', async () => {
    const cli = { name: 'cli:test', role: 'cli' } as const;
    const me = (await (await fetch(`${wf.url}/api/me`, { headers: { cookie: admin } })).json()).username;
    const others = (await wf.accounts.listUsers()).filter(
      (u) => u.role === 'admin' && !u.disabled && u.username !== me,
    );
    for (const u of others) await wf.accounts.disable(cli, u.username);
    const second = 'second-admin';
    await wf.users.add(second, 'admin', 'correct horse battery');
    const both = await Promise.allSettled([wf.accounts.disable(cli, me), wf.accounts.disable(cli, second)]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as AppError).text?.key).toBe('user.last_admin');
    const enabled = (await wf.accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
    expect(enabled).toHaveLength(1);
  });
});
