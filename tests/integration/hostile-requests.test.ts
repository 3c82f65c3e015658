/**
 * Hostile HTTP bodies, query strings and socket payloads: never a 500 or a crash, every refusal a clear envelope,
 * and nothing stored that fails its own schema afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SOCKET_POLICY } from '../../server/realtime/socket-policy.js';
import { errorBodySchema } from '../../shared/envelope.js';
import type { ClientToServerEvents } from '../../shared/events.js';
import { settingsSchema } from '../../shared/schemas/admin.js';
import { alertSchema } from '../../shared/schemas/alert.js';
import { raiseAlert } from '../support/alerts.js';
import { type ClientSocket, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let admin: string;
let alertId: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  admin = await wf.userCookie('admin');
  await wf.users.add('fuzz-target', 'operator', 'correct horse battery');
  alertId = (await raiseAlert(wf)).id;
});
afterAll(async () => wf?.close());

/** Every state-changing route, with fixed path parameters (the body is what is fuzzed). */
const WRITES: [string, () => string][] = [
  ['POST', () => '/api/login'],
  ['POST', () => '/api/hosts/10.0.0.1/notes'],
  ...['ack', 'release', 'escalate', 'resolve', 'snooze', 'note'].map((a): [string, () => string] => [
    'POST',
    () => `/api/alerts/${alertId}/${a}`,
  ]),
  ['POST', () => '/api/alerts/bulk'],
  ['POST', () => '/api/rules'],
  ['PUT', () => '/api/settings'],
  ['POST', () => '/api/users'],
  ['POST', () => '/api/users/fuzz-target/password'],
  ['POST', () => '/api/display-tokens'],
  ['POST', () => '/api/dlq/requeue'],
];

/** Reads that take query strings. */
const READS = [
  '/api/alerts',
  '/api/series',
  '/api/events',
  '/api/search',
  '/api/peers',
  '/api/audit',
  '/api/dlq',
];

const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.object().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    '{"note":1e999,"version":-1e308,"ids":[null]}',
    '{"action":"toString","ids":["__proto__"]}',
  ),
);

async function expectEnvelope(res: Response, what: string): Promise<void> {
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    const parsed = errorBodySchema.safeParse(((await res.json()) as { error?: unknown }).error);
    expect(parsed.success, `${what}: error envelope`).toBe(true);
  } else await res.arrayBuffer();
}

describe('hostile HTTP input', () => {
  it('bodies: a 4xx envelope or a success, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), body, async ([method, path], text) => {
        const res = await fetch(`${wf.url}${path()}`, {
          method,
          headers: { 'content-type': 'application/json', cookie: admin },
          body: text,
        });
        await expectEnvelope(res, `${method} ${path()} ${text.slice(0, 80)}`);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('query strings: a 4xx envelope or a success, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...READS),
        fc.dictionary(
          fc.constantFrom(
            'state',
            'segment',
            'from',
            'to',
            'ref',
            'q',
            'alert',
            'limit',
            'format',
            'since',
            'x',
          ),
          fc.string(),
        ),
        async (path, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await fetch(`${wf.url}${path}?${qs}`, { headers: { cookie: admin } });
          await expectEnvelope(res, `GET ${path}?${qs}`);
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  it('leaves nothing stored that fails its own schema', async () => {
    const settings = await (await fetch(`${wf.url}/api/settings`, { headers: { cookie: admin } })).json();
    expect(settingsSchema.safeParse(settings.settings ?? settings).success).toBe(true);
    const { alerts } = (await (
      await fetch(`${wf.url}/api/alerts`, { headers: { cookie: admin } })
    ).json()) as {
      alerts: unknown[];
    };
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(alertSchema.safeParse(a).success).toBe(true);
    expect((await fetch(`${wf.url}/healthz`)).status).toBe(200);
  });
});

describe('hostile socket payloads', () => {
  const EVENTS = Object.keys(SOCKET_POLICY) as (keyof ClientToServerEvents)[];

  it('every event answers an envelope for any payload; the socket and the server stay up', async () => {
    const socket: ClientSocket = wf.socket(admin);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EVENTS), fc.anything(), async (event, payload) => {
        const emit = socket.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<unknown>;
        const answer = (await emit.call(socket, event, payload)) as { ok: boolean; error?: unknown };
        expect(typeof answer.ok).toBe('boolean');
        if (!answer.ok) expect(errorBodySchema.safeParse(answer.error).success).toBe(true);
      }),
      { numRuns: 300 },
    );
    // events without an ack callback, and unknown events, are dropped without harm
    (socket.emit as (e: string, ...a: unknown[]) => void)('alert:ack', { id: alertId, note: 'x' });
    (socket.emit as (e: string, ...a: unknown[]) => void)('no-such-event', 1, 2, 3);
    expect(await socket.timeout(5000).emitWithAck('resync', {})).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  }, 120_000);
});
