/**
 * Webhooks on loopback (critical alert, retry after a failure; their URLs' secrets kept from the alert's history and
 * the audit), webhook settings (a URL with user info refused), and ingest-health alerts.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/contract.js';
import { raiseAlert } from '../support/alerts.js';
import { callChecked, send } from '../support/contract.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let receiver: Server;
const received: { status: number; body: { event: string; text: string; alert: { id: string } } }[] = [];
let wf: TestServer;
let base: string;
/** A Slack-style webhook: its secret is the path's last segment. */
const SECRET = 'XoXoSecretToken123';
const hookUrl = () => `${base}/services/T0001/B0001/${SECRET}`;

beforeAll(async () => {
  let calls = 0;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = ++calls === 1 ? 500 : 200; // the first delivery fails
      received.push({ status, body: JSON.parse(body) });
      res.statusCode = status;
      res.end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  wf = await startTestServer(inject('redisUrl'), {
    WF_WEBHOOKS: hookUrl(),
    WF_WEBHOOK_RETRY_MS: '50',
    WF_LAG_ALERT: '100',
  });
});
afterAll(async () => {
  await wf?.close();
  receiver?.close();
});

describe('webhooks', () => {
  it('POSTs a new critical alert with Slack-style text, retrying after a failure, and records both', async () => {
    const alert = await raiseAlert(wf, { score: 95 });
    await eventually(async () => received.filter((r) => r.status === 200).length >= 1);
    expect(received[0]!.status).toBe(500);
    const ok = received.find((r) => r.status === 200)!;
    expect(ok.body.event).toBe('alert.critical');
    expect(ok.body.alert.id).toBe(alert.id);
    expect(ok.body.text).toMatch(/\[CRITICAL\] scan on host/);
    const deliveries = await eventually(async () => {
      const d = await wf.webhooks.deliveries();
      return d.length >= 2 ? d : undefined;
    });
    expect(deliveries.map((d) => d.ok).sort()).toEqual([false, true]);
    const audit = await wf.audit.query({ alert: alert.id });
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['webhook.failed', 'webhook.delivered']),
    );
    // the admin's own delivery log keeps the URL whole; the alert's history (operators, API tokens) never its secret
    expect(deliveries.every((d) => d.url === hookUrl())).toBe(true);
    const operator = { url: wf.url, cookie: await wf.userCookie('operator') };
    const { history } = await callChecked(operator, API.alert, { params: { id: alert.id } });
    const notes = history.filter((h) => h.action.startsWith('webhook.')).map((h) => h.note);
    expect(notes).toEqual(
      expect.arrayContaining([
        `alert.critical to ${base}/services/… (attempt 1): HTTP 500`,
        `alert.critical to ${base}/services/… (attempt 2)`,
      ]),
    );
    expect(JSON.stringify(history)).not.toContain(SECRET);
  });

  it('POSTs escalations', async () => {
    const alert = await raiseAlert(wf, { score: 70 });
    const cookie = await wf.userCookie('lead');
    await fetch(`${wf.url}/api/alerts/${alert.id}/escalate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ note: 'to the national CERT' }),
    });
    await eventually(async () =>
      received.some((r) => r.body.event === 'alert.escalated' && r.body.alert.id === alert.id),
    );
  });
});

describe('webhook settings', () => {
  it('refuse a URL with a user name or password (fetch never sends it), with a key the screens translate', async () => {
    const admin = { url: wf.url, cookie: await wf.userCookie('admin') };
    const res = await send(admin, API.saveSettings, {
      body: { webhooks: [hookUrl(), `http://hookuser:hookpass@127.0.0.1:${base.split(':')[2]}/mm`] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'bad_request',
        key: 'dlq.url_user_info',
        params: { field: 'webhooks.1' },
        message: expect.stringMatching(/^webhooks\.1: a URL with a user name or password/),
      },
    });
    expect((await callChecked(admin, API.settings, {})).settings.webhooks).toEqual([hookUrl()]);
  });

  it("audit a change with the webhooks' URLs without their secrets; the admin's settings keep them whole", async () => {
    const admin = { url: wf.url, cookie: await wf.userCookie('admin') };
    const other = `https://hooks.slack.example/services/T0002/B0002/OtherSecret456?token=QuerySecret789`;
    const saved = await callChecked(admin, API.saveSettings, { body: { webhooks: [hookUrl(), other] } });
    expect(saved.settings.webhooks).toEqual([hookUrl(), other]);
    const lead = { url: wf.url, cookie: await wf.userCookie('lead') };
    const { records } = await callChecked(lead, API.audit, { query: { format: 'json' } });
    const update = records.filter((r) => r.action === 'settings.update').at(-1)!;
    expect(JSON.parse(update.to!).webhooks).toEqual([
      `${base}/services/…`,
      'https://hooks.slack.example/services/…',
    ]);
    for (const secret of [SECRET, 'OtherSecret456', 'QuerySecret789'])
      expect(JSON.stringify(records)).not.toContain(secret);
    await callChecked(admin, API.saveSettings, { body: { webhooks: [hookUrl()] } });
  });

  it('a URL with user info stored before is never shown whole when its delivery fails', async () => {
    const stored = `http://hookuser:hookpass@127.0.0.1:${base.split(':')[2]}/mm`;
    const admin = { url: wf.url, cookie: await wf.userCookie('admin') };
    const settings = (await callChecked(admin, API.settings, {})).settings;
    await wf.redis.set(wf.keys.settings, JSON.stringify({ ...settings, webhooks: [stored] }));
    await callChecked(admin, API.settings, {}); // read again now
    try {
      const alert = await raiseAlert(wf, { score: 96 });
      const failed = await eventually(async () => {
        const records = (await wf.audit.query({ alert: alert.id })).filter(
          (r) => r.action === 'webhook.failed',
        );
        return records.length >= 6 ? records : undefined;
      });
      expect(failed[0]!.note).toMatch(/^alert\.critical to http:\/\/127\.0\.0\.1:\d+\/mm \(attempt 1\): /);
      expect(JSON.stringify(failed)).not.toMatch(/hookuser|hookpass/);
    } finally {
      await wf.redis.set(wf.keys.settings, JSON.stringify(settings));
      await callChecked(admin, API.settings, {});
    }
  });
});

describe('ingest health', () => {
  it('raises a system alert when dead letters pile up', async () => {
    await new Promise((r) => setTimeout(r, 1500)); // health is sampled each second: let it see the calm first
    const p = wf.redis.pipeline();
    for (let i = 0; i < 2000; i++) p.xadd(wf.stream, '*', 'event', '{"bad":');
    await p.exec();
    const alert = await eventually(async () => {
      const list = await wf.alerts.store.unresolved();
      return list.find((a) => a.entity.type === 'system' && a.entity.id === 'dlq-growth');
    }, 40_000).catch(async (err) => {
      throw new Error(
        `${err.message}; unresolved: ${JSON.stringify((await wf.alerts.store.unresolved()).map((a) => a.key))}; stats ${JSON.stringify(wf.live.currentStats())}`,
      );
    });
    expect(alert.reasons[0]).toMatchObject({ detector: 'ingest', feature: 'dead_letters_per_min' });
  }, 60_000);
});
