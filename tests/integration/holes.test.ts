/**
 * Holes found from outside, each closed: concurrent password guesses are counted before they are checked, alert
 * action names are own keys only, and an alert's history is read through its own audit index.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let lead: string;
const SCRAPE = `wfm_${'s3cret-'.repeat(6)}`;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'), { WF_METRICS_TOKEN: SCRAPE });
  lead = await wf.userCookie('lead');
});
afterAll(async () => wf?.close());

const login = (username: string, password: string) =>
  fetch(`${wf.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('login throttling', () => {
  it('evaluates at most the per-user limit of 60 concurrent wrong passwords', async () => {
    await wf.users.add('victim', 'lead', 'correct horse battery');
    const answers = await Promise.all(Array.from({ length: 60 }, () => login('victim', 'wrong guess')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
    const failed = (await wf.audit.query({ actor: 'victim' })).filter((r) => r.action === 'login.failed');
    expect(failed).toHaveLength(10);
    // the right password is refused too while the user is locked out
    expect((await login('victim', 'correct horse battery')).status).toBe(429);
  });

  it('gives a successful login its attempt back, so an office behind one address is not locked out', async () => {
    for (let i = 0; i < 30; i++) {
      const name = `staff${i}`;
      await wf.users.add(name, 'operator', 'correct horse battery');
      expect((await login(name, 'correct horse battery')).status, name).toBe(200);
    }
  });
});

describe('alert actions', () => {
  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'POST /api/alerts/:id/%s is 404, not 500',
    async (name) => {
      const alert = await raiseAlert(wf);
      const res = await fetch(`${wf.url}/api/alerts/${alert.id}/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: lead },
        body: '{"note":"x"}',
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        error: {
          code: 'not_found',
          message: `no alert action ${name}`,
          key: 'alert.no_action',
          params: { action: name },
        },
      });
    },
  );
});

describe('alert history', () => {
  it('is read through the alert’s own audit index, every record in order', async () => {
    const alert = await raiseAlert(wf);
    const other = await raiseAlert(wf);
    const act = (id: string, action: string, body: unknown) =>
      fetch(`${wf.url}/api/alerts/${id}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: lead },
        body: JSON.stringify(body),
      });
    expect((await act(alert.id, 'ack', { note: 'mine' })).status).toBe(200);
    expect((await act(other.id, 'ack', { note: 'theirs' })).status).toBe(200);
    expect((await act(alert.id, 'note', { text: 'looked at it' })).status).toBe(200);
    expect((await act(alert.id, 'resolve', { note: 'done', disposition: 'benign' })).status).toBe(200);
    const index = await wf.redis.lrange(wf.keys.alertAudit(alert.id), 0, -1);
    expect(index).toHaveLength(4);
    const res = await fetch(`${wf.url}/api/alerts/${alert.id}`, { headers: { cookie: lead } });
    const { history } = (await res.json()) as { history: { id: string; action: string; alertId: string }[] };
    expect(history.map((r) => r.action)).toEqual(['alert.raise', 'alert.ack', 'alert.note', 'alert.resolve']);
    expect(history.map((r) => r.id)).toEqual(index);
    expect(history.every((r) => r.alertId === alert.id)).toBe(true);
    // the same records the whole trail holds for this alert
    expect(await wf.audit.query({ alert: alert.id })).toEqual(history);
  });
});

describe('/metrics', () => {
  const scrape = (headers: Record<string, string>) => fetch(`${wf.url}/metrics`, { headers });

  it('answers the scrape token and admins, nobody else', async () => {
    expect((await scrape({ authorization: `Bearer ${SCRAPE}` })).status).toBe(200);
    const admin = await wf.userCookie('admin');
    const body = await (await scrape({ cookie: admin })).text();
    expect(body).toMatch(/wf_ingested_total \d+/);
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${SCRAPE}x` })).status).toBe(401);
    expect((await scrape({ cookie: await wf.userCookie('operator') })).status).toBe(403);
    expect((await scrape({ cookie: lead })).status).toBe(403);
  });

  it('refuses a token of another kind, both ways', async () => {
    const { token: secret } = await wf.tokens.create({ label: 'wall' }, 'test');
    expect(secret.startsWith('wfd_')).toBe(true);
    expect((await scrape({ authorization: `Bearer ${secret}` })).status).toBe(401);
    const wall = await fetch(`${wf.url}/api/wall`, { headers: { authorization: `Bearer ${SCRAPE}` } });
    expect(wall.status).toBe(401);
    expect(await wf.tokens.verify(SCRAPE)).toBeNull();
  });
});
