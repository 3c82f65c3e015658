/**
 * The TOTP second factor against a real server: enrolment (QR shown once, confirmed by a first code, recovery codes
 * shown once), sign-in answering 401 `totp_required` until the body carries a valid code, no replay of a used code,
 * recovery codes used once, wrong codes throttled and audited, the policy requiring it per role (an enrolment-only
 * session until then), removal and an admin's reset.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let admin: string;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  admin = await wf.userCookie('admin');
});
afterAll(async () => wf?.close());

async function api(cookie: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${wf.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const cookieOut = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie: cookieOut };
}
const login = (username: string, totp?: string) =>
  api(null, 'POST', '/api/login', { username, password: PASSWORD, ...(totp === undefined ? {} : { totp }) });
const errorCode = (r: { body: Record<string, unknown> }) =>
  (r.body.error as { code: string } | undefined)?.code;
/** The code of the time step `steps` from now (30 s each). */
const codeAt = (secret: string, steps: number) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** Enrols `username` through the API from a fresh sign-in; the secret and the recovery codes. */
async function enrol(cookie: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await api(cookie, 'POST', '/api/me/totp/enrol');
  expect(started.status).toBe(200);
  const { secret, uri, qr } = started.body as { secret: string; uri: string; qr: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\/Watchfloor:/);
  expect(qr).toMatch(/^data:image\/png;base64,/);
  expect((await api(cookie, 'POST', '/api/me/totp/confirm', { totp: '000000' })).status).toBe(400);
  const confirmed = await api(cookie, 'POST', '/api/me/totp/confirm', { totp: await codeAt(secret, -1) });
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('TOTP second factor', () => {
  it('enrols, then sign-in answers totp_required until a valid, unused code comes', async () => {
    await wf.users.add('tess', 'lead', PASSWORD);
    const first = await login('tess');
    expect(first.status).toBe(200);
    const { secret, recoveryCodes } = await enrol(first.cookie!);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // the secret is never shown again
    const status = await api(first.cookie, 'GET', '/api/me/totp');
    expect(status.body).toEqual({ enrolled: true, required: false, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status.body)).not.toContain(secret);

    const bare = await login('tess');
    expect([bare.status, errorCode(bare), bare.cookie]).toEqual([401, 'totp_required', null]);
    const wrong = await login('tess', '123456');
    expect([wrong.status, errorCode(wrong)]).toEqual([401, 'totp_required']);
    // the code used to confirm cannot sign in (its time step is spent); the next one can, once
    expect(errorCode(await login('tess', await codeAt(secret, -1)))).toBe('totp_required');
    const code = await codeAt(secret, 0);
    const ok = await login('tess', code);
    expect(ok.status).toBe(200);
    expect(errorCode(await login('tess', code))).toBe('totp_required');
    const sessions = (await api(admin, 'GET', '/api/sessions')).body.sessions as {
      username: string;
      amr: string[];
    }[];
    expect(sessions.filter((s) => s.username === 'tess').map((s) => s.amr)).toContainEqual(['totp']);
    const audit = await wf.audit.query({ actor: 'tess' });
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['totp.enrol', 'login.totp-failed']));
  });

  it('takes each recovery code once', async () => {
    await wf.users.add('rudi', 'operator', PASSWORD);
    const { recoveryCodes } = await enrol((await login('rudi')).cookie!);
    const code = recoveryCodes[3]!;
    expect((await login('rudi', code.toUpperCase())).status).toBe(200);
    expect(errorCode(await login('rudi', code))).toBe('totp_required');
    const left = await api((await login('rudi', recoveryCodes[4]!)).cookie, 'GET', '/api/me/totp');
    expect(left.body.recoveryCodesLeft).toBe(8);
    const audit = await wf.audit.query({ actor: 'rudi' });
    expect(audit.filter((r) => r.action === 'totp.recovery-used')).toHaveLength(2);
  });

  it('throttles wrong codes per user like passwords (429), apart from the password count', async () => {
    await wf.users.add('gus', 'operator', PASSWORD);
    const { secret } = await enrol((await login('gus')).cookie!);
    for (let i = 0; i < 5; i++) expect(errorCode(await login('gus', '999999'))).toBe('totp_required');
    const refused = await login('gus', await codeAt(secret, 0));
    expect(refused.status).toBe(429);
  });

  it('lets a user remove their own with a current code; the next sign-in needs none', async () => {
    await wf.users.add('ines', 'operator', PASSWORD);
    const cookie = (await login('ines')).cookie!;
    const { secret } = await enrol(cookie);
    expect((await api(cookie, 'POST', '/api/me/totp/remove', { totp: '111111' })).status).toBe(400);
    expect((await api(cookie, 'POST', '/api/me/totp/remove', { totp: await codeAt(secret, 0) })).status).toBe(
      200,
    );
    expect((await login('ines')).status).toBe(200);
  });
});

describe('the policy requiring a second factor per role', () => {
  it('gives an enrolment-only session until the user enrols; removal refused; an admin reset ends sessions', async () => {
    await wf.users.add('lena', 'lead', PASSWORD);
    await wf.users.add('otto', 'operator', PASSWORD);
    expect((await api(admin, 'PUT', '/api/account-policy', { totpRequired: ['lead', 'admin'] })).status).toBe(
      200,
    );
    try {
      expect((await login('otto')).status).toBe(200);
      const first = await login('lena');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ username: 'lena', role: 'lead', mustEnrolTotp: true });
      const cookie = first.cookie!;
      expect((await api(cookie, 'GET', '/api/me')).body).toMatchObject({ mustEnrolTotp: true });
      expect((await api(cookie, 'GET', '/api/alerts')).status).toBe(403);
      const socket = wf.socket(cookie);
      const refused = await new Promise<Error & { data?: { code: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      expect(refused.data?.code).toBe('forbidden');
      socket.disconnect();
      expect((await api(cookie, 'GET', '/api/me/totp')).body).toMatchObject({
        enrolled: false,
        required: true,
      });

      const { secret } = await enrol(cookie);
      expect((await api(cookie, 'GET', '/api/alerts')).status).toBe(200);
      expect((await api(cookie, 'GET', '/api/me')).body).toEqual({ username: 'lena', role: 'lead' });
      const removal = await api(cookie, 'POST', '/api/me/totp/remove', { totp: await codeAt(secret, 0) });
      expect(removal.status).toBe(400);
      expect(errorCode(await login('lena'))).toBe('totp_required');

      const reset = await api(admin, 'POST', '/api/users/lena/totp/reset');
      expect(reset.body).toEqual({ ok: true, endedSessions: 1 });
      expect((await api(cookie, 'GET', '/api/me')).status).toBe(401);
      expect((await login('lena')).body).toMatchObject({ mustEnrolTotp: true });
      expect((await wf.audit.query({ actor: 'lena' })).some((r) => r.action === 'totp.enrol')).toBe(true);
    } finally {
      await api(admin, 'PUT', '/api/account-policy', { totpRequired: [] });
    }
  });
});
