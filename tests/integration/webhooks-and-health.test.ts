/** Webhooks on loopback (critical alert, retry after a failure) and ingest-health alerts. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let receiver: Server;
const received: { status: number; body: { event: string; text: string; alert: { id: string } } }[] = [];
let wf: TestServer;

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
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  wf = await startTestServer(inject('redisUrl'), {
    WF_WEBHOOKS: url,
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
