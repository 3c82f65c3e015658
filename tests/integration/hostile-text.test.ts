/**
 * Producer text stays text: arbitrary strings (the create script's old placeholders, quotes, Lua patterns, `%`,
 * NUL, 64 KiB) in every producer-controlled field that reaches Redis. Each resulting alert parses, can be acted
 * on and shows the text as sent; each event is applied with its text intact or dead-lettered with a reason.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Observation } from '../../server/alerts/raise-tracker.js';
import { SCRIPTS, scriptSource } from '../../server/redis/scripts.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let lead: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  lead = await wf.userCookie('lead');
});
afterAll(async () => wf?.close());

/** Strings an attacker would try first, then anything fast-check makes. */
const NASTY = [
  '__proto__',
  'constructor',
  '__ID__',
  '"__ID__"',
  '"__PREVIOUS__"',
  '__PREVIOUS__',
  '%1 %s %%',
  '"},"id":"A1","x":{"',
  '\\"',
  "'; redis.call('FLUSHALL') --",
  '[[ ]] %z .- ^$',
  'a\u0000b',
  '<script>alert(1)</script>',
  'x'.repeat(64 * 1024),
];
const hostile = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  fc.string({ minLength: 1 }),
);

let tickAt = Date.now();
const observe = (segment: string, score: number): Observation => ({
  entityType: 'segment',
  entityId: segment,
  segment,
  score,
  at: tickAt,
  reasons: [{ detector: 'rate', feature: 'events_per_s', observed: 900, expected: 20, contribution: score }],
});

/** Holds a segment's score above the raise threshold through the real alert engine until it raises. */
async function raiseForSegment(segment: string): Promise<Alert> {
  let id: string | null = null;
  for (let i = 0; i < 10 && !id; i++) {
    tickAt += 1000;
    await wf.alertEngine.tick([observe(segment, 80)], tickAt, Date.now());
    id = await wf.alerts.store.idForKey(`rate:segment:${segment}`);
  }
  expect(id, 'an alert was raised').toMatch(/^A\d+$/);
  return (await wf.alerts.store.get(id!))!;
}

const post = (path: string, body: unknown) =>
  fetch(`${wf.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: lead },
    body: JSON.stringify(body),
  });

describe('alerts from producer text', () => {
  /** Generated values repeat: the previous alert of each segment, for `previousId`. */
  const lastAlertOf = new Map<string, string>();
  it('every alert parses, keeps its text and can be acted on', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (segment) => {
        const alert = await raiseForSegment(segment);
        expect(alert.segment).toBe(segment);
        expect(alert.entity.id).toBe(segment);
        expect(alert.previousId).toBe(lastAlertOf.get(segment) ?? null);
        const acked = await post(`/api/alerts/${alert.id}/ack`, { note: 'mine', version: alert.version });
        expect(acked.status).toBe(200);
        const resolved = await post(`/api/alerts/${alert.id}/resolve`, {
          note: 'done',
          disposition: 'benign',
        });
        expect(resolved.status).toBe(200);
        const { alert: after } = (await resolved.json()) as { alert: Alert };
        expect(after).toMatchObject({ id: alert.id, segment, state: 'resolved' });
        // the episode ends (quiet for longer than the clear hold); the next occurrence links to this one
        for (let i = 0; i < 8; i++) {
          tickAt += 5000;
          await wf.alertEngine.tick([observe(segment, 0)], tickAt, Date.now());
        }
        const next = await raiseForSegment(segment);
        expect(next.previousId).toBe(alert.id);
        const detail = await fetch(`${wf.url}/api/alerts/${next.id}`, { headers: { cookie: lead } });
        expect(((await detail.json()) as { alert: Alert }).alert.segment).toBe(segment);
        await post(`/api/alerts/${next.id}/resolve`, { note: 'done', disposition: 'benign' });
        for (let i = 0; i < 8; i++) {
          tickAt += 5000;
          await wf.alertEngine.tick([observe(segment, 0)], tickAt, Date.now());
        }
        lastAlertOf.set(segment, next.id);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('no script splices text into JSON or builds code from its arguments', () => {
    for (const name of Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[]) {
      const lua = scriptSource(name);
      expect(lua, name).toMatch(
        /^(?:#!lua.*\n)?-- .+\n(?:--.*\n)*-- KEYS: .+\n(?:--.*\n)*-- ARGV: .+\n(?:--.*\n)*-- Reply: /,
      );
      expect(lua, name).not.toMatch(/gsub|string\.format|loadstring|cjson\.encode/);
    }
  });
});

describe('events carrying hostile text', () => {
  it('are applied with their text intact or dead-lettered with a reason; the server stays up', async () => {
    const before = await wf.redis.xlen(`${wf.prefix}dlq`);
    const sent: { ip: string; entry: Record<string, unknown> }[] = [];
    const texts = fc.sample(hostile, 60).concat(NASTY);
    for (const [i, text] of texts.entries()) {
      const ip = `10.66.${i >> 8}.${i & 255}`;
      const kinds = [
        { kind: 'dns', query: text },
        { kind: 'ids', signature: text, category: text },
        { kind: 'auth', outcome: 'failure', user: text },
        { kind: 'flow', dst_ip: '10.0.0.1' },
      ];
      const entry = { ts: Date.now(), sensor: text, segment: text, src_ip: ip, ...kinds[i % kinds.length] };
      sent.push({ ip, entry });
      await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(entry));
    }
    const { ingested } = await eventually(async () => {
      const s = await (await fetch(`${wf.url}/api/stats`, { headers: { cookie: lead } })).json();
      const dlq = (await wf.redis.xlen(`${wf.prefix}dlq`)) - before;
      return s.ingested + dlq >= sent.length ? { ingested: s.ingested as number } : undefined;
    });
    const dead = await wf.redis.xrange(`${wf.prefix}dlq`, '-', '+');
    const deadReasons = dead.slice(before).map(([, f]) => f[f.indexOf('reason') + 1]);
    expect(ingested + deadReasons.length).toBe(sent.length);
    for (const reason of deadReasons)
      expect(['bad_value', 'bad_type', 'too_large', 'missing_field']).toContain(reason);
    // every applied event shows its text as sent on the host's page
    let checked = 0;
    for (const { ip, entry } of sent) {
      const res = await fetch(`${wf.url}/api/hosts/${ip}`, { headers: { cookie: lead } });
      expect(res.status).toBe(200);
      const { host } = (await res.json()) as {
        host: { segment: string; recent: Record<string, unknown>[] } | null;
      };
      if (!host) continue; // dead-lettered
      expect(host.segment).toBe(entry.segment);
      const [event] = host.recent;
      for (const field of ['sensor', 'query', 'signature', 'category', 'user'] as const) {
        if (field in entry) expect(event?.[field], field).toBe(entry[field]);
      }
      checked++;
    }
    expect(checked).toBe(ingested);
    expect((await fetch(`${wf.url}/healthz`)).status).toBe(200);
    // a sensor or segment named `__proto__` set nothing on every object's prototype (this server runs in-process)
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 60_000);
});
