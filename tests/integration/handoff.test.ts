/**
 * Hand-off of an alert: STIX 2.1 and MISP exports checked by structure (and read back by Watchfloor's own feed
 * parsers), the push to a TheHive receiver on loopback that checks TheHive 5's documented fields, and every hand-off
 * in the alert's history.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Observation } from '../../server/alerts/raise-tracker.js';
import { parseMispEvent } from '../../server/intel/misp.js';
import { parseStixBundle } from '../../server/intel/stix.js';
import { API } from '../../shared/contract.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { type Caller, send } from '../support/contract.js';
import { type Receiver, startHandoffReceiver } from '../support/handoff-receivers.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEY = 'hive-key-0123456789';
const HOST = '10.40.0.7';
const C2 = '198.51.100.23';
let hive: Receiver;
let wf: TestServer;
let lead: Caller;
let operator: Caller;
let alert: Alert;
let eventRef: string;

beforeAll(async () => {
  hive = await startHandoffReceiver(KEY);
  wf = await startTestServer(inject('redisUrl'), { WF_THEHIVE_URL: hive.url, WF_THEHIVE_KEY: KEY });
  lead = { url: wf.url, cookie: await wf.userCookie('lead') };
  operator = { url: wf.url, cookie: await wf.userCookie('operator') };
  const event = {
    ts: Date.now(),
    sensor: 'zeek-energy',
    kind: 'flow',
    src_ip: HOST,
    dst_ip: C2,
    src_port: 50123,
    dst_port: 443,
    proto: 'tcp',
    tls_sni: 'update.evil.example',
    bytes_out: 900,
  };
  const id = await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(event));
  eventRef = `${wf.stream}/${id}`;
  const now = Date.now();
  const obs = (at: number): Observation => ({
    entityType: 'host',
    entityId: HOST,
    segment: 'energy',
    score: 88,
    at,
    reasons: [
      {
        detector: 'intel',
        feature: 'indicator',
        observed: 1,
        expected: 0,
        contribution: 80,
        examples: [eventRef],
        attack: ['T1071.001'],
        intel: {
          indicator: C2,
          field: 'dst_ip',
          feed: 'partner-cert',
          id: 'indicator--0b7c8a52-6d0e-4d6b-9b7e-2f0a1c3d4e5f',
          name: 'C2 of "Ember" | campaign',
          confidence: 90,
          labels: ['c2'],
        },
      },
      {
        detector: 'beacon',
        feature: 'interval_regularity',
        observed: 0.97,
        expected: 0.3,
        contribution: 40,
        examples: [eventRef, 'no-such-stream/1-0'],
        attack: ['T1071'],
      },
    ],
  });
  for (let i = 0; i <= 4; i++) await wf.alertEngine.tick([obs(now + i * 1000)], now + i * 1000, now);
  const alertId = (await wf.alerts.store.idForKey(`intel:host:${HOST}`))!;
  await wf.alerts.act(
    alertId,
    { type: 'note', text: 'C2 confirmed <b>by</b> | the CERT\nsecond line' } as never,
    {
      name: 'lead-x',
      role: 'lead',
    },
  );
  alert = (await wf.alerts.store.get(alertId))!;
});
afterAll(async () => {
  await wf?.close();
  await hive?.close();
});

async function exported(format: 'stix' | 'misp', who: Caller = lead) {
  const res = await fetch(`${wf.url}/api/alerts/${alert.id}/export?format=${format}`, {
    headers: { cookie: who.cookie! },
  });
  return { status: res.status, disposition: res.headers.get('content-disposition'), body: await res.json() };
}

const STIX_ID = /^([a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Properties STIX 2.1 requires of each object type exported (besides type, id, and spec_version). */
const REQUIRED: Record<string, string[]> = {
  identity: ['created', 'modified', 'name'],
  indicator: ['created', 'modified', 'pattern', 'pattern_type', 'valid_from'],
  sighting: ['created', 'modified', 'sighting_of_ref'],
  'observed-data': [
    'created',
    'modified',
    'first_observed',
    'last_observed',
    'number_observed',
    'object_refs',
  ],
  'attack-pattern': ['created', 'modified', 'name'],
  relationship: ['created', 'modified', 'relationship_type', 'source_ref', 'target_ref'],
  report: ['created', 'modified', 'name', 'published', 'object_refs'],
  note: ['created', 'modified', 'content', 'object_refs'],
  'ipv4-addr': ['value'],
  'domain-name': ['value'],
  'network-traffic': ['protocols'],
};

/** Problems with a bundle's structure: ids, spec_version, types, required properties, references resolvable. */
function stixProblems(bundle: { type: string; id: string; objects: Record<string, unknown>[] }): string[] {
  const out: string[] = [];
  if (bundle.type !== 'bundle' || !STIX_ID.test(bundle.id) || !bundle.id.startsWith('bundle--'))
    out.push('bundle');
  if ('spec_version' in bundle) out.push('a 2.1 bundle has no spec_version');
  const ids = new Set<string>();
  for (const o of bundle.objects) {
    const id = String(o.id);
    const m = STIX_ID.exec(id);
    if (!m || m[1] !== o.type) out.push(`${id}: id does not match type ${String(o.type)}`);
    if (ids.has(id)) out.push(`${id}: twice`);
    ids.add(id);
    if (o.spec_version !== '2.1') out.push(`${id}: spec_version ${String(o.spec_version)}`);
    const required = REQUIRED[String(o.type)];
    if (!required && !['url', 'file', 'ipv6-addr'].includes(String(o.type)))
      out.push(`${id}: unexpected type`);
    for (const p of required ?? []) if (o[p] === undefined) out.push(`${id}: no ${p}`);
    for (const p of ['created', 'modified', 'valid_from', 'first_observed', 'last_observed', 'published'])
      if (o[p] !== undefined && !TIMESTAMP.test(String(o[p])))
        out.push(`${id}: ${p} is not a STIX timestamp`);
    if (o.created && o.modified && String(o.modified) < String(o.created))
      out.push(`${id}: modified before created`);
  }
  for (const o of bundle.objects) {
    for (const [k, v] of Object.entries(o)) {
      const refs = k.endsWith('_ref') ? [v] : k.endsWith('_refs') ? (v as unknown[]) : [];
      if (k.endsWith('_refs') && refs.length === 0) out.push(`${String(o.id)}: ${k} is empty`);
      for (const ref of refs)
        if (!ids.has(String(ref))) out.push(`${String(o.id)}: ${k} ${String(ref)} unresolved`);
    }
  }
  return out;
}

describe('STIX 2.1 export', () => {
  it('is a bundle whose structure holds and that names the indicator, its sighting, the events and the technique', async () => {
    const { status, disposition, body } = await exported('stix', operator);
    expect(status).toBe(200);
    expect(disposition).toMatch(/attachment; filename="?watchfloor-alert-A\d+\.stix\.json/);
    expect(stixProblems(body)).toEqual([]);
    const objects = body.objects as Record<string, unknown>[];
    const types = objects.map((o) => o.type);
    for (const t of [
      'indicator',
      'sighting',
      'observed-data',
      'attack-pattern',
      'relationship',
      'report',
      'note',
    ])
      expect(types).toContain(t);
    const c2 = objects.find((o) => o.type === 'indicator' && o.pattern === `[ipv4-addr:value = '${C2}']`)!;
    expect(c2.indicator_types).toEqual(['malicious-activity']);
    expect(c2.confidence).toBe(90);
    const sighting = objects.find((o) => o.type === 'sighting' && o.sighting_of_ref === c2.id)!;
    const observed = objects.find((o) => o.id === (sighting.observed_data_refs as string[])[0])!;
    const traffic = objects.find(
      (o) => (observed.object_refs as string[]).includes(String(o.id)) && o.type === 'network-traffic',
    )!;
    expect(traffic).toMatchObject({ dst_port: 443, src_port: 50123, protocols: ['tcp'] });
    // the SCO id is STIX's deterministic one (UUIDv5 of {"value":…} in the SCO namespace)
    expect(objects.find((o) => o.type === 'ipv4-addr' && o.value === C2)!.id).toBe(
      'ipv4-addr--' +
        (await import('../../server/handoff/stix-export.js')).uuidv5(
          '00abedb4-aa42-466c-9c01-fed23315a9b7',
          `{"value":"${C2}"}`,
        ),
    );
    const note = objects.find((o) => o.type === 'note')!;
    expect(note.content).toBe('C2 confirmed <b>by</b> | the CERT\nsecond line');
    const report = objects.find((o) => o.type === 'report')!;
    expect(report.description).toMatch(
      /intel indicator: observed 1, expected 0 .*198\.51\.100\.23 in partner-cert/,
    );
  });

  it("reads back through Watchfloor's own STIX feed parser with its technique", async () => {
    const { body } = await exported('stix');
    const feed = parseStixBundle(body, 'export', Date.now());
    expect(feed.skipped).toEqual([]);
    const c2 = feed.indicators.find((i) => i.observables.some((o) => o.value === C2))!;
    expect(c2.attack).toEqual(expect.arrayContaining(['T1071.001', 'T1071']));
    expect(feed.indicators.some((i) => i.observables.some((o) => o.value === 'update.evil.example'))).toBe(
      true,
    );
    // the host itself is observed, never an indicator
    expect(feed.indicators.some((i) => i.observables.some((o) => o.value === HOST))).toBe(false);
  });
});

describe('MISP export', () => {
  it('is an event MISP takes (checked by a MISP receiver on loopback) and reads back as indicators', async () => {
    const { status, body } = await exported('misp');
    expect(status).toBe(200);
    const res = await fetch(`${hive.url}/events/add`, {
      method: 'POST',
      headers: { authorization: KEY, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(hive.received.at(-1)!.problems).toEqual([]);
    expect(res.status).toBe(200);
    const ev = body.Event;
    expect(ev.Tag.map((t: { name: string }) => t.name)).toContain(
      'misp-galaxy:mitre-attack-pattern="T1071.001"',
    );
    const c2 = ev.Attribute.find((a: { value: string }) => a.value === C2);
    expect(c2).toMatchObject({ type: 'ip-dst', to_ids: true });
    expect(ev.Attribute.find((a: { value: string }) => a.value === HOST)).toMatchObject({
      type: 'ip-src',
      to_ids: false,
    });
    expect(ev.Object[0].name).toBe('network-connection');
    const out = { indicators: [], skipped: [], expired: 0 } as Parameters<typeof parseMispEvent>[2];
    parseMispEvent(body, 'export', out);
    expect(out.indicators.map((i) => i.observables[0]!.value)).toEqual([C2]);
    expect(out.indicators[0]!.attack).toEqual(expect.arrayContaining(['T1071.001', 'T1071']));
  });
});

describe('TheHive 5', () => {
  it('creates the alert with its observables and procedures (fields checked by the receiver), once', async () => {
    expect((await send(operator, API.theHive, { params: { id: alert.id } })).status).toBe(403);
    const pushed = await send(lead, API.theHive, { params: { id: alert.id } });
    expect(pushed.status).toBe(201);
    const got = hive.received.filter((r) => r.path === '/api/v1/alert');
    expect(got).toHaveLength(1);
    expect(got[0]!.problems).toEqual([]);
    expect(got[0]!.authorization).toBe(`Bearer ${KEY}`);
    const body = got[0]!.body as {
      sourceRef: string;
      severity: number;
      observables: { data: string; ioc: boolean }[];
      procedures: { patternId: string }[];
      description: string;
    };
    expect(body.sourceRef).toBe(alert.id);
    expect(body.severity).toBe(3);
    expect(body.observables.find((o) => o.data === C2)!.ioc).toBe(true);
    expect(body.observables.find((o) => o.data === HOST)!.ioc).toBe(false);
    expect(body.procedures.map((p) => p.patternId).sort()).toEqual(['T1071', 'T1071.001']);
    // the note's pipe cannot break the events table, nor its HTML stay HTML: it reads as it was written
    expect(body.description).toContain('C2 confirmed \\<b\\>by\\</b\\> \\| the CERT second line');
    expect(pushed.body).toMatchObject({ theHiveId: '~4000', procedures: 2 });
    const again = await send(lead, API.theHive, { params: { id: alert.id } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { key: 'handoff.thehive_exists' } });
  });

  it("sends a producer's text as text: no link, emphasis, HTML or table cell of its own in TheHive's Markdown", async () => {
    const signature = 'ET MALWARE [Open the case runbook](https://evil.example/runbook) | injected | cell';
    const segment = 'ops*team* <img src=x onerror=alert(1)>';
    const host = '10.40.0.8';
    const id = await wf.redis.xadd(
      wf.stream,
      '*',
      'event',
      JSON.stringify({
        ts: Date.now(),
        sensor: 'suricata-1',
        kind: 'ids',
        src_ip: host,
        dst_ip: C2,
        signature,
      }),
    );
    const now = Date.now();
    for (let i = 0; i <= 4; i++)
      await wf.alertEngine.tick(
        [
          {
            entityType: 'host',
            entityId: host,
            segment,
            score: 80,
            at: now + i * 1000,
            reasons: [
              {
                detector: 'ids',
                feature: `signature ${signature}`,
                observed: 1,
                expected: 0,
                contribution: 80,
                examples: [`${wf.stream}/${id}`],
                attack: ['T1071'],
                intel: {
                  indicator: C2,
                  field: 'dst_ip',
                  feed: 'partner_cert',
                  id: 'ind-[1](https://evil.example)',
                  name: '**Ember**',
                  confidence: 90,
                  labels: ['c2 [x](https://evil.example)'],
                },
              },
            ],
          },
        ],
        now + i * 1000,
        now,
      );
    const hostile = (await wf.alerts.store.idForKey(`ids:host:${host}`))!;
    await wf.alerts.act(
      hostile,
      { type: 'note', text: "<img src=x onerror=alert('sig')>\n# runbook" } as never,
      {
        name: 'lead-x',
        role: 'lead',
      },
    );
    expect((await send(lead, API.theHive, { params: { id: hostile } })).status).toBe(201);
    const body = hive.received.filter((r) => r.path === '/api/v1/alert').at(-1)!.body as {
      sourceRef: string;
      description: string;
      summary: string;
      observables: { data: string; tags: string[] }[];
    };
    expect(body.sourceRef).toBe(hostile);
    const d = body.description;
    // the only link is Watchfloor's own, the only headings its three, no HTML at all
    expect(d.match(/(?<!\\)\[[^\]]*\]\(/g)).toEqual(['[Open on Watchfloor](']);
    expect(d.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '### Reasons',
      '### Example events',
      '### Notes',
    ]);
    expect(d).not.toMatch(/(?<!\\)[<>]/);
    expect(d).toContain('in segment **ops\\*team\\* \\<img src\\=x onerror\\=alert\\(1\\)\\>**');
    const escaped =
      'ET MALWARE \\[Open the case runbook\\]\\(https\\://evil\\.example/runbook\\) \\| injected \\| cell';
    // in the reasons, and as the example event's detail in a row of five cells
    expect(d).toContain(`- ids signature ${escaped}`);
    const row = d.split('\n').find((l) => l.includes(escaped) && l.startsWith('| '))!;
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(6);
    expect(d).toContain("lead\\-x: \\<img src\\=x onerror\\=alert\\('sig'\\)\\> \\# runbook");
    expect(body.summary).toContain(escaped);
    // tags are text in TheHive: the feed's label goes as it is
    expect(body.observables.find((o) => o.data === C2)!.tags).toContain('c2 [x](https://evil.example)');
  });

  it("records every hand-off in the alert's history", async () => {
    const { history } = (await send(operator, API.alert, { params: { id: alert.id } })).body as {
      history: { action: string; actor: string; note?: string }[];
    };
    const handoffs = history.filter(
      (h) => h.action.startsWith('alert.export') || h.action.startsWith('alert.thehive'),
    );
    expect(handoffs.map((h) => h.action)).toEqual([
      'alert.export',
      'alert.export',
      'alert.export',
      'alert.thehive',
      'alert.thehive.failed',
    ]);
    expect(handoffs[3]!.note).toBe('sent to TheHive as alert ~4000');
    expect(handoffs[4]!.note).toMatch(/TheHive answered 400: Alert .* already exists/);
  });

  it('says why when TheHive is unreachable or not configured, and audits the failure', async () => {
    const other = await startTestServer(inject('redisUrl'), {
      WF_THEHIVE_URL: 'http://127.0.0.1:9',
      WF_THEHIVE_KEY: KEY,
      WF_PREFIX: wf.prefix,
      WF_STREAMS: wf.stream,
    });
    try {
      const cookie = await other.userCookie('lead');
      const res = await send({ url: other.url, cookie }, API.theHive, { params: { id: alert.id } });
      expect(res.status).toBe(503);
      expect(JSON.stringify(res.body)).toMatch(/TheHive unreachable/);
      expect(res.body).toMatchObject({ error: { key: 'handoff.thehive_unreachable' } });
    } finally {
      await other.close();
    }
    const plain = await startTestServer(inject('redisUrl'));
    try {
      const res = await send({ url: plain.url, cookie: await plain.userCookie('lead') }, API.theHive, {
        params: { id: 'A1' },
      });
      expect(res.status).toBe(503);
      expect(JSON.stringify(res.body)).toMatch(/not configured/);
      // a key the screens say in their language, not "the service is unavailable; try again shortly"
      expect(res.body).toMatchObject({ error: { key: 'handoff.thehive_off' } });
    } finally {
      await plain.close();
    }
    const records = await wf.audit.ofAlert(alert.id);
    expect(records.at(-1)).toMatchObject({ action: 'alert.thehive.failed' });
  });
});
