/**
 * API tokens against a real server: every lead action of the queue with a token (compare-and-set and 409s as for a
 * person, audited as `token:NAME`), the operator token's limits, never admin and never the wall socket, one kind of
 * Bearer refused where another is expected, revocation and expiry, the token's own rate limit, last use, the CLI.
 */
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../server/commands.js';
import { raiseAlert } from '../support/alerts.js';
import { type ClientSocket, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let admin: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'), { WF_API_TOKEN_RATE: '40' });
  admin = await wf.userCookie('admin');
});
afterAll(async () => wf?.close());

async function createToken(
  body: Record<string, unknown>,
): Promise<{ secret: string; token: { id: string } }> {
  const res = await fetch(`${wf.url}/api/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify(body),
  });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()) as { secret: string; token: { id: string } };
}

/** A request with a Bearer token; the status and the parsed body. */
async function as(
  secret: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; text: string; headers: Headers }> {
  const res = await fetch(`${wf.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // a download (CSV)
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

const alertOf = (r: { body: Record<string, unknown> }) =>
  r.body.alert as { state: string; version: number; owner: string | null; escalated: boolean };

describe('a lead API token', () => {
  it('does every lead action of the queue, with the same compare-and-set, audited as token:NAME', async () => {
    const { secret } = await createToken({ name: 'soar-playbook', role: 'lead', expiresInDays: 90 });
    const alert = await raiseAlert(wf);
    const path = `/api/alerts/${alert.id}`;

    const ack = await as(secret, 'POST', `${path}/ack`, {
      note: 'playbook 7 claims',
      version: alert.version,
    });
    expect(ack.status).toBe(200);
    expect(alertOf(ack)).toMatchObject({ state: 'acknowledged', owner: 'token:soar-playbook' });
    // a stale version, or acknowledging again: 409 naming the owner, no change, no audit record
    const stale = await as(secret, 'POST', `${path}/escalate`, { note: 'late', version: alert.version });
    expect(stale.status).toBe(409);
    const again = await as(secret, 'POST', `${path}/ack`, { note: 'again' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('already yours');

    let version = alertOf(ack).version;
    const escalate = await as(secret, 'POST', `${path}/escalate`, { note: 'to CERT', version });
    expect(alertOf(escalate).escalated).toBe(true);
    version = alertOf(escalate).version;
    const release = await as(secret, 'POST', `${path}/release`, { note: 'back', version });
    expect(alertOf(release)).toMatchObject({ state: 'open', owner: null });

    // a person's claim is taken over only with takeover and a note
    const lead = await wf.userCookie('lead');
    const claimed = await fetch(`${wf.url}${path}/ack`, {
      method: 'POST',
      headers: { cookie: lead, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'mine' }),
    });
    expect(claimed.status).toBe(200);
    const refused = await as(secret, 'POST', `${path}/ack`, { note: 'give' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/lead-\w+/);
    const takeover = await as(secret, 'POST', `${path}/ack`, { note: 'playbook takes over', takeover: true });
    expect(alertOf(takeover).owner).toBe('token:soar-playbook');

    const snooze = await as(secret, 'POST', `${path}/snooze`, { note: 'maintenance', minutes: 30 });
    expect(snooze.status).toBe(200);
    const note = await as(secret, 'POST', `${path}/note`, { text: 'enriched by the playbook' });
    expect(note.status).toBe(200);
    const resolve = await as(secret, 'POST', `${path}/resolve`, {
      note: 'contained',
      disposition: 'true_positive',
    });
    expect(alertOf(resolve).state).toBe('resolved');

    const others = [await raiseAlert(wf), await raiseAlert(wf)];
    const bulk = await as(secret, 'POST', '/api/alerts/bulk', {
      ids: others.map((a) => a.id),
      action: 'ack',
      note: 'bulk claim',
    });
    expect(bulk.status).toBe(200);
    expect((bulk.body.alerts as unknown[]).length).toBe(2);

    const rule = await as(secret, 'POST', '/api/rules', {
      entity: '10.9.9.9',
      reason: 'scanner of the red team',
      expiresAt: Date.now() + 3_600_000,
    });
    expect(rule.status).toBe(201);
    const ruleId = (rule.body.rule as { id: string; author: string }).id;
    expect((rule.body.rule as { author: string }).author).toBe('token:soar-playbook');
    expect((await as(secret, 'DELETE', `/api/rules/${ruleId}`)).status).toBe(200);

    const csv = await as(secret, 'GET', `/api/audit?alert=${alert.id}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const history = await wf.audit.query({ alert: alert.id });
    const mine = history.filter((r) => r.actor === 'token:soar-playbook');
    expect(mine.map((r) => r.action)).toEqual([
      'alert.ack',
      'alert.escalate',
      'alert.release',
      'alert.takeover',
      'alert.snooze',
      'alert.note',
      'alert.resolve',
    ]);
    expect(mine.every((r) => r.role === 'lead')).toBe(true);
  });

  it('is never an admin, never a session owner, never the wall socket, never the metrics scraper', async () => {
    const { secret } = await createToken({ name: 'nightly-audit', role: 'lead' });
    for (const [method, path, body] of [
      ['GET', '/api/users', undefined],
      ['POST', '/api/users', { username: 'eve', role: 'admin', password: 'correct horse battery' }],
      ['GET', '/api/api-tokens', undefined],
      ['POST', '/api/api-tokens', { name: 'escalate-me', role: 'lead' }],
      ['GET', '/api/display-tokens', undefined],
      ['PUT', '/api/settings', { raise: 10 }],
      ['GET', '/api/sessions', undefined],
      ['GET', '/api/me/sessions', undefined],
      ['PUT', '/api/account-policy', { newLoginEndsOthers: true }],
      ['GET', '/api/dlq', undefined],
    ] as const) {
      expect((await as(secret, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await as(secret, 'GET', '/metrics')).status).toBe(401);
    expect((await as(secret, 'GET', '/api/wall')).status).toBe(401);
    // the wall socket refuses it as a display token, and a Bearer header opens no socket either
    const asDisplay: ClientSocket = connect(wf.url, {
      transports: ['websocket'],
      auth: { token: secret },
      reconnection: false,
      forceNew: true,
    });
    const asHeader: ClientSocket = connect(wf.url, {
      transports: ['websocket'],
      extraHeaders: { authorization: `Bearer ${secret}` },
      reconnection: false,
      forceNew: true,
    });
    for (const socket of [asDisplay, asHeader]) {
      const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      expect(err.data?.code).toBe('unauthenticated');
      socket.disconnect();
    }
  });
});

describe('an operator API token', () => {
  it('reads and writes notes, but takes no alert action', async () => {
    const { secret } = await createToken({ name: 'enricher', role: 'operator' });
    const alert = await raiseAlert(wf);
    expect((await as(secret, 'GET', '/api/alerts?state=open')).status).toBe(200);
    expect((await as(secret, 'POST', `/api/alerts/${alert.id}/note`, { text: 'whois done' })).status).toBe(
      200,
    );
    expect((await as(secret, 'POST', `/api/alerts/${alert.id}/ack`, { note: 'x' })).status).toBe(403);
    expect((await as(secret, 'GET', '/api/audit')).status).toBe(403);
    expect((await wf.alerts.get(alert.id)).state).toBe('open');
  });
});

describe('token kinds, revocation, expiry, rate limit, last use', () => {
  it('refuses a display or metrics token on the API, and a forged or revoked API token', async () => {
    const display = await fetch(`${wf.url}/api/display-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ label: 'wall' }),
    });
    const { secret: wall } = (await display.json()) as { secret: string };
    expect((await as(wall, 'GET', '/api/alerts')).status).toBe(401);
    expect((await as(`wfm_${'x'.repeat(40)}`, 'GET', '/api/alerts')).status).toBe(401);
    const forged = await as(`wfa_${'A'.repeat(43)}`, 'GET', '/api/alerts');
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).toContain('API token is not valid');

    const { secret, token } = await createToken({ name: 'short-lived', role: 'lead' });
    expect((await as(secret, 'GET', '/api/alerts')).status).toBe(200);
    const res = await fetch(`${wf.url}/api/api-tokens/${token.id}`, {
      method: 'DELETE',
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    expect((await as(secret, 'GET', '/api/alerts')).status).toBe(401);
    const audit = await wf.audit.query({});
    expect(audit.some((r) => r.action === 'api-token.revoke' && r.note?.includes('short-lived'))).toBe(true);
  });

  it('refuses an expired token', async () => {
    const { secret, record } = await wf.apiTokens.create(
      { name: 'expired', role: 'lead', expiresInDays: 1 },
      'test',
      Date.now() - 2 * 86_400_000,
    );
    expect(record.expiresAt).toBeLessThan(Date.now());
    expect((await as(secret, 'GET', '/api/alerts')).status).toBe(401);
  });

  it('counts each token against its own limit (429 with Retry-After), not the others', async () => {
    const { secret } = await createToken({ name: 'chatty', role: 'operator' });
    const { secret: quiet } = await createToken({ name: 'quiet', role: 'operator' });
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await as(secret, 'GET', '/api/stats')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    const refused = await as(secret, 'GET', '/api/stats');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await as(quiet, 'GET', '/api/stats')).status).toBe(200);
  });

  it('lists tokens with their last use, never their secret', async () => {
    const { secret } = await createToken({ name: 'listed', role: 'lead' });
    await as(secret, 'GET', '/api/stats');
    const res = await fetch(`${wf.url}/api/api-tokens`, { headers: { cookie: admin } });
    const text = await res.text();
    expect(text).not.toContain(secret);
    const { tokens } = JSON.parse(text) as {
      tokens: { name: string; lastUsedAt: number; lastUsedFrom: string }[];
    };
    const listed = tokens.find((t) => t.name === 'listed')!;
    expect(listed.lastUsedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(listed.lastUsedFrom).toMatch(/127\.0\.0\.1/);
    // a live token's name is taken
    const dup = await fetch(`${wf.url}/api/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ name: 'listed', role: 'operator' }),
    });
    expect(dup.status).toBe(409);
    // admin is not a role a token can have
    const bad = await fetch(`${wf.url}/api/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ name: 'root', role: 'admin' }),
    });
    expect(bad.status).toBe(400);
  });
});

/** `watchfloor api-token …` in this process, as the executable runs it. */
const apiToken = (argv: string[], env: NodeJS.ProcessEnv, io: Parameters<typeof runCli>[2]) =>
  runCli(['api-token', ...argv], env, io);

describe('watchfloor api-token', () => {
  const env = () => ({ REDIS_URL: inject('redisUrl'), WF_PREFIX: wf.prefix });
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: { write: (s: string) => (out.stdout += s) },
        stderr: { write: (s: string) => (out.stderr += s) },
      },
    };
  };

  it('creates (printed once), lists and revokes; the token works in between', async () => {
    const created = capture();
    expect(
      await apiToken(['create', 'cli-soar', '--role', 'lead', '--expires', '90d'], env(), created.io),
    ).toBe(0);
    const secret = created.out.stdout.trim();
    expect(secret).toMatch(/^wfa_[A-Za-z0-9_-]{43}$/);
    expect(created.out.stderr).toContain('shown only now');
    expect((await as(secret, 'GET', '/api/me')).body).toEqual({ username: 'token:cli-soar', role: 'lead' });

    const listed = capture();
    expect(await apiToken(['list'], env(), listed.io)).toBe(0);
    const line = listed.out.stdout.split('\n').find((l) => l.includes('\tcli-soar\t'))!;
    expect(line).toContain('\tlead\t');
    expect(line).toContain('last used');
    expect(listed.out.stdout).not.toContain(secret);
    const expiry = Date.parse(line.split('\t')[3]!);
    expect(Math.round((expiry - Date.now()) / 86_400_000)).toBe(90);

    const revoked = capture();
    expect(await apiToken(['revoke', 'cli-soar'], env(), revoked.io)).toBe(0);
    expect((await as(secret, 'GET', '/api/me')).status).toBe(401);
    const audit = await wf.audit.query({});
    expect(audit.find((r) => r.action === 'api-token.create' && r.note?.includes('cli-soar'))?.actor).toMatch(
      /^cli:/,
    );
  });

  it('refuses an admin role, a bad expiry and a missing name with the usage (exit 2), a taken name with 1', async () => {
    for (const argv of [
      ['create', 'x1', '--role', 'admin'],
      ['create', 'x2', '--role', 'lead', '--expires', '3 months'],
      ['create', '--role', 'lead'],
      ['rotate', 'x3'],
    ]) {
      const c = capture();
      expect(await apiToken(argv, env(), c.io), argv.join(' ')).toBe(2);
      expect(c.out.stderr).toContain('usage: watchfloor api-token');
      expect(c.out.stdout).toBe('');
    }
    const first = capture();
    expect(await apiToken(['create', 'twice', '--role', 'operator'], env(), first.io)).toBe(0);
    const second = capture();
    expect(await apiToken(['create', 'twice', '--role', 'operator'], env(), second.io)).toBe(1);
    expect(second.out.stderr).toContain('exists');
    expect(second.out.stdout).toBe('');
  });
});
