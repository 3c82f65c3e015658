/**
 * F11: the webhook receiver hangs for 30 s on every request. Deliveries run beside the pipeline: ticks and screens go
 * on at their pace, each request is given up after its timeout (5 s), and retries are bounded (five per alert).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame } from '../../shared/schemas/frame.js';
import { alertFixture } from '../support/alert-fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { sleep } from './support.js';

interface Seen {
  alert: string;
  at: number;
  closedAt: number | null;
}
const seen: Seen[] = [];
const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
  let body = '';
  req.on('data', (d: Buffer) => {
    body += d.toString();
  });
  req.on('end', () => {
    const s: Seen = { alert: JSON.parse(body).alert.id, at: Date.now(), closedAt: null };
    seen.push(s);
    res.on('close', () => {
      s.closedAt = Date.now();
    });
    setTimeout(() => res.end('late'), 30_000).unref();
  });
});

let wf: TestServer;
beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  wf = await startTestServer(inject('redisUrl'), { WF_WEBHOOKS: url, WF_WEBHOOK_RETRY_MS: '100' });
});
afterAll(async () => {
  await wf?.close();
  receiver.closeAllConnections();
  receiver.close();
});

describe('F11 a webhook receiver that hangs', () => {
  it('leaves ticks and screens alone, gives each request up after its timeout, and retries at most five times', async () => {
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const frames: number[] = [];
    socket.on('frame', (f: Frame) => frames.push(f.now));
    for (let i = 0; i < 40; i++)
      wf.webhooks.notify('alert.critical', alertFixture({ id: `F11-${i}`, severity: 'critical' }));
    await sleep(14_000);
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
    const perAlert = new Map<string, number>();
    for (const s of seen) perAlert.set(s.alert, (perAlert.get(s.alert) ?? 0) + 1);
    const hung = seen.filter((s) => s.at < Date.now() - 8_000 && s.closedAt === null);
    console.log(
      `F11: ${seen.length} requests for 40 alerts in 14 s (at most ${Math.max(...perAlert.values())} per alert); ` +
        `${frames.length} frames, longest gap ${Math.max(...gaps)} ms (tick 200 ms)`,
    );
    expect(perAlert.size).toBe(40);
    expect(Math.max(...perAlert.values())).toBeLessThanOrEqual(6);
    expect(hung).toEqual([]);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
  }, 40_000);
});
