/** Alert ownership against real Redis and real sockets: races, roles, expiry, rules, restart, audit export. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Keys } from '../../server/redis/keys.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { observation, raiseAlert } from '../support/alerts.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let leadA: string;
let leadB: string;
let operator: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  await wf.users.add('lea', 'lead', 'correct horse battery');
  leadA = await wf.login('lea', 'correct horse battery');
  leadB = await wf.userCookie('lead');
  operator = await wf.userCookie('operator');
});
afterAll(async () => wf?.close());

const post = (cookie: string, path: string, body: unknown) =>
  fetch(`${wf.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
const auditCount = async (alertId: string) => (await wf.audit.query({ alert: alertId })).length;

describe('alerts', () => {
  it('raises from a held score and pushes it to connected screens at once', async () => {
    const socket = wf.socket(operator);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const pushed = new Promise<Alert>((resolve) =>
      socket.on('alert', (a) => a.state === 'open' && resolve(a)),
    );
    const alert = await raiseAlert(wf, { score: 92 });
    expect(alert).toMatchObject({
      state: 'open',
      severity: 'critical',
      detector: 'scan',
      version: 1,
      count: 1,
      active: true,
    });
    expect((await pushed).id).toBe(alert.id);
    const list = (await (
      await fetch(`${wf.url}/api/alerts?state=open`, { headers: { cookie: operator } })
    ).json()) as { alerts: Alert[] };
    expect(list.alerts.map((a) => a.id)).toContain(alert.id);
  });

  it('keeps the reasons that raised it and those at its peak beside the latest ones', async () => {
    const ip = '10.56.0.1';
    const now = Date.now();
    const reason = (feature: string, observed: number, expected: number, contribution: number) => ({
      detector: 'scan',
      feature,
      observed,
      expected,
      contribution,
    });
    const at = (i: number, score: number, r: ReturnType<typeof reason>) =>
      wf.alertEngine.tick([{ ...observation(ip, score, now + i * 1000), reasons: [r] }], now + i * 1000, now);
    for (let i = 0; i <= 4; i++) await at(i, 80, reason('distinct_ports_10s', 139, 2, 80));
    for (let i = 5; i <= 7; i++) await at(i, 97, reason('failed_hosts_60s', 40, 1, 97));
    for (let i = 8; i <= 20; i++) await at(i, 70, reason('failed_share', 0.9, 0.1, 70));
    const id = await wf.alerts.store.idForKey(`scan:host:${ip}`);
    const a = (await wf.alerts.store.get(id!))!;
    expect(a.raiseReasons.map((r) => r.feature)).toEqual(['distinct_ports_10s']);
    expect(a.peakScore).toBe(97);
    expect(a.peakReasons.map((r) => r.feature)).toEqual(['failed_hosts_60s']);
    expect(a.reasons.map((r) => r.feature)).toEqual(['failed_share']);
    // a lead's transition keeps them
    expect((await post(leadA, `/alerts/${a.id}/ack`, { note: 'mine', version: a.version })).status).toBe(200);
    const acked = (await wf.alerts.store.get(a.id))!;
    expect(acked.raiseReasons).toEqual(a.raiseReasons);
    expect(acked.peakReasons).toEqual(a.peakReasons);
  });

  it('lets exactly one of two leads acknowledging at the same moment win, every time', async () => {
    for (let round = 0; round < 15; round++) {
      const alert = await raiseAlert(wf);
      const [a, b] = await Promise.all([
        post(leadA, `/alerts/${alert.id}/ack`, { note: 'mine', version: alert.version }),
        post(leadB, `/alerts/${alert.id}/ack`, { note: 'mine', version: alert.version }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = (await (a.status === 409 ? a : b).json()) as { error: { code: string; message: string } };
      const winner = (await (a.status === 200 ? a : b).json()) as { alert: Alert };
      expect(loser.error.code).toBe('conflict');
      expect(loser.error.message).toContain(winner.alert.owner!);
      const history = await wf.audit.query({ alert: alert.id });
      expect(history.filter((r) => r.action === 'alert.ack')).toHaveLength(1);
    }
  });

  it('refuses a replayed acknowledgement and a stale version without changing anything', async () => {
    const alert = await raiseAlert(wf);
    expect((await post(leadA, `/alerts/${alert.id}/ack`, { note: 'first' })).status).toBe(200);
    const before = await auditCount(alert.id);
    const replay = await post(leadA, `/alerts/${alert.id}/ack`, { note: 'first' });
    expect(replay.status).toBe(409);
    const stale = await post(leadB, `/alerts/${alert.id}/escalate`, { note: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(await auditCount(alert.id)).toBe(before);
    expect((await wf.alerts.get(alert.id)).version).toBe(2);
  });

  it('refuses every lead action to an operator over HTTP and over the socket, with no change and no audit', async () => {
    const alert = await raiseAlert(wf);
    const before = await auditCount(alert.id);
    const bodies: Record<string, unknown> = {
      ack: { note: 'x' },
      escalate: { note: 'x' },
      resolve: { note: 'x', disposition: 'benign' },
      snooze: { note: 'x', minutes: 5 },
      release: {},
    };
    for (const [action, body] of Object.entries(bodies)) {
      const res = await post(operator, `/alerts/${alert.id}/${action}`, body);
      expect(res.status, action).toBe(403);
    }
    expect(
      (
        await post(operator, '/alerts/bulk', {
          ids: [alert.id],
          action: 'resolve',
          note: 'x',
          disposition: 'benign',
        })
      ).status,
    ).toBe(403);
    expect(
      (await post(operator, '/rules', { entity: '10.0.0.1', reason: 'x', expiresAt: Date.now() + 60_000 }))
        .status,
    ).toBe(403);
    const socket = wf.socket(operator);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    for (const event of [
      'alert:ack',
      'alert:escalate',
      'alert:resolve',
      'alert:snooze',
      'alert:release',
    ] as const) {
      const answer = await socket
        .timeout(5000)
        .emitWithAck(event, { id: alert.id, note: 'x', disposition: 'benign', minutes: 5 } as never);
      expect(answer, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await auditCount(alert.id)).toBe(before);
    expect((await wf.alerts.get(alert.id)).version).toBe(1);
    // operators may add notes
    const note = await post(operator, `/alerts/${alert.id}/note`, { text: 'seen on the proxy' });
    expect(note.status).toBe(200);
  });

  it('refuses a bulk action on an empty group (it would be every unresolved alert of the network)', async () => {
    const alert = await raiseAlert(wf);
    for (const group of [{}, { segment: '' }, { detector: '' }, { segment: '', detector: '' }]) {
      const res = await post(leadA, '/alerts/bulk', { group, action: 'note', text: 'probe' });
      expect(res.status, JSON.stringify(group)).toBe(400);
    }
    expect((await wf.alerts.get(alert.id)).version).toBe(1);
  });

  it('acknowledges over the socket with an envelope, and a second screen sees the change', async () => {
    const alert = await raiseAlert(wf);
    const lead = wf.socket(leadA);
    const other = wf.socket(leadB);
    await Promise.all([lead, other].map((s) => new Promise((resolve) => s.once('snapshot', resolve))));
    const seen = new Promise<Alert>((resolve) =>
      other.on('alert', (a) => a.id === alert.id && a.state === 'acknowledged' && resolve(a)),
    );
    const answer = await lead.timeout(5000).emitWithAck('alert:ack', { id: alert.id, note: 'on it' });
    expect(answer.ok).toBe(true);
    expect((await seen).owner).toBe(answer.ok ? answer.data.owner : 'x');
    const bad = await lead.timeout(5000).emitWithAck('alert:ack', { id: alert.id } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const missing = await lead.timeout(5000).emitWithAck('alert:ack', { id: 'A999999999', note: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('returns an expired claim to open, and handles release and takeover', async () => {
    const alert = await raiseAlert(wf);
    await post(leadA, `/alerts/${alert.id}/ack`, { note: 'short claim', expiresInMinutes: 1 });
    await wf.alertEngine.tick([], Date.now(), Date.now() + 2 * 60_000);
    const expired = await wf.alerts.get(alert.id);
    expect(expired).toMatchObject({ state: 'open', owner: null });
    expect(expired.notes.at(-1)!.text).toMatch(/expired/);

    await post(leadA, `/alerts/${alert.id}/ack`, { note: 'again' });
    const noTakeover = await post(leadB, `/alerts/${alert.id}/ack`, { note: 'mine now' });
    expect(noTakeover.status).toBe(409);
    const takeover = await post(leadB, `/alerts/${alert.id}/ack`, { note: 'mine now', takeover: true });
    expect(((await takeover.json()) as { alert: Alert }).alert.owner).not.toBeNull();
    expect((await post(leadA, `/alerts/${alert.id}/release`, {})).status).toBe(409);
    const released = await post(leadB, `/alerts/${alert.id}/release`, { note: 'end of shift' });
    expect(((await released.json()) as { alert: Alert }).alert.state).toBe('open');
  });

  it('opens a new alert linked by previousId after a resolve', async () => {
    const first = await raiseAlert(wf, { ip: '10.66.0.1' });
    await post(leadA, `/alerts/${first.id}/resolve`, { note: 'cleaned', disposition: 'true_positive' });
    expect((await post(leadA, `/alerts/${first.id}/ack`, { note: 'x' })).status).toBe(409);
    for (let i = 0; i < 40; i++) await wf.alertEngine.tick([], Date.now() + i * 1000, Date.now());
    const second = await raiseAlert(wf, { ip: '10.66.0.1' });
    expect(second.id).not.toBe(first.id);
    expect(second.previousId).toBe(first.id);
  });

  it('gives a screen opened after a resolve that alert, resolved, with its snapshot (what explains a score still high)', async () => {
    const alert = await raiseAlert(wf, { ip: '10.66.0.9', score: 98 });
    await post(leadA, `/alerts/${alert.id}/resolve`, { note: 'scan by the auditors', disposition: 'benign' });
    const socket = wf.socket(operator);
    const snap = await new Promise<{ alerts: Alert[] }>((resolve) => socket.once('snapshot', resolve));
    socket.disconnect();
    expect(snap.alerts.find((a) => a.id === alert.id)).toMatchObject({
      state: 'resolved',
      resolvedBy: 'lea',
    });
  });

  it('suggests a suppression rule when a lead resolves a false positive', async () => {
    const alert = await raiseAlert(wf, { ip: '10.44.0.9', detector: 'dns' });
    const res = await post(leadA, `/alerts/${alert.id}/resolve`, {
      note: 'resolver cache flush',
      disposition: 'false_positive',
    });
    const body = (await res.json()) as {
      suggestedRule: { entity: string; detector: string; expiresAt: number };
    };
    expect(body.suggestedRule).toMatchObject({ entity: '10.44.0.9', detector: 'dns' });
    expect(body.suggestedRule.expiresAt).toBeGreaterThan(Date.now());
    expect((await post(leadA, '/rules', body.suggestedRule)).status).toBe(201);
  });

  it('after Redis lost its alerts, an episode raises its own alert again and never writes into a reused id', async () => {
    const keys = new Keys(wf.prefix);
    const before = await raiseAlert(wf, { ip: '10.58.0.1', score: 80 });
    // Redis loses every alert and its numbering (restarted empty); the next alert is numbered with the same id
    const stale = await wf.redis.keys(`${wf.prefix}alert*`);
    await wf.redis.del(...stale);
    await wf.redis.set(keys.alertSeq, String(Number(before.id.slice(1)) - 1));
    const authReason = {
      detector: 'auth',
      feature: 'failures_per_min',
      observed: 40,
      expected: 1,
      contribution: 75,
    };
    const { id: reusedId, created } = await wf.alerts.store.create(
      {
        ...before,
        key: 'auth:host:10.58.0.2',
        detector: 'auth',
        entity: { type: 'host', id: '10.58.0.2' },
        reasons: [authReason],
        peakReasons: [authReason],
        raiseReasons: [authReason],
      },
      { at: Date.now(), actor: 'system', role: 'system', action: 'alert.raise', to: 'open', note: 'another' },
    );
    expect(created).toBe(true);
    expect(reusedId).toBe(before.id);
    const other = { id: reusedId };
    // the first host's episode goes on, its score moving
    const now = Date.now() + 10_000;
    for (let i = 0; i < 3; i++)
      await wf.alertEngine.tick([observation('10.58.0.1', 97, now + i * 1000)], now + i * 1000, now);
    const reused = (await wf.alerts.store.get(other.id))!;
    expect(reused.entity.id).toBe('10.58.0.2');
    expect(reused.reasons.map((r) => r.detector)).toEqual(['auth']);
    expect(reused.peakReasons.map((r) => r.detector)).toEqual(['auth']);
    const again = await wf.alerts.store.idForKey('scan:host:10.58.0.1');
    expect(again).not.toBeNull();
    expect(again).not.toBe(other.id);
    expect(await wf.alerts.store.get(again!)).toMatchObject({
      entity: { id: '10.58.0.1' },
      state: 'open',
      active: true,
      peakScore: 97,
    });
  });

  it('silences alerts with a suppression rule until it expires', async () => {
    const res = await post(leadA, '/rules', {
      entity: '10.55.0.1',
      reason: 'vulnerability scanner',
      expiresAt: Date.now() + 60_000,
    });
    expect(res.status).toBe(201);
    const rule = ((await res.json()) as { rule: { id: string } }).rule;
    const now = Date.now();
    for (let i = 0; i <= 5; i++)
      await wf.alertEngine.tick([observation('10.55.0.1', 85, now + i * 1000)], now + i * 1000, now);
    expect(await wf.alerts.store.idForKey('scan:host:10.55.0.1')).toBeNull();
    const later = now + 120_000;
    for (let i = 0; i <= 40; i++) await wf.alertEngine.tick([], later + i * 1000, later);
    for (let i = 0; i <= 5; i++)
      await wf.alertEngine.tick(
        [observation('10.55.0.1', 85, later + 60_000 + i * 1000)],
        later + 60_000 + i * 1000,
        later,
      );
    expect(await wf.alerts.store.idForKey('scan:host:10.55.0.1')).not.toBeNull();
    const audit = await wf.audit.query({});
    expect(audit.some((r) => r.action === 'rule.create' && r.ruleId === rule.id)).toBe(true);
    expect(
      (await fetch(`${wf.url}/api/rules/${rule.id}`, { method: 'DELETE', headers: { cookie: leadA } }))
        .status,
    ).toBe(200);
  });

  it('exports the audit trail as CSV and JSON lines matching the transitions made', async () => {
    const alert = await raiseAlert(wf);
    await post(leadA, `/alerts/${alert.id}/ack`, { note: 'triage, "quoted", =cmd' });
    await post(leadA, `/alerts/${alert.id}/escalate`, { note: 'to national CERT' });
    await post(leadA, `/alerts/${alert.id}/resolve`, { note: 'reimaged', disposition: 'true_positive' });
    const jsonl = await (
      await fetch(`${wf.url}/api/audit?alert=${alert.id}&format=jsonl`, { headers: { cookie: leadA } })
    ).text();
    const actions = jsonl
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(['alert.raise', 'alert.ack', 'alert.escalate', 'alert.resolve']);
    const csv = await (
      await fetch(`${wf.url}/api/audit?alert=${alert.id}&format=csv`, { headers: { cookie: leadA } })
    ).text();
    expect(csv.split('\n')[0]).toBe('id,at,actor,role,action,alertId,ruleId,from,to,note,detail');
    expect(csv).toContain('"triage, ""quoted"", =cmd"');
    expect((await fetch(`${wf.url}/api/audit`, { headers: { cookie: operator } })).status).toBe(403);
  });

  it('keeps open, acknowledged and snoozed alerts and rules across a restart', async () => {
    const open = await raiseAlert(wf);
    const acked = await raiseAlert(wf);
    const snoozed = await raiseAlert(wf);
    await post(leadA, `/alerts/${acked.id}/ack`, { note: 'mine' });
    await post(leadA, `/alerts/${snoozed.id}/snooze`, { note: 'later', minutes: 60 });
    await post(leadA, '/rules', {
      detector: 'dns',
      reason: 'resolver noise',
      expiresAt: Date.now() + 3_600_000,
    });
    const { prefix, stream } = wf;
    await wf.close();
    wf = await startTestServer(inject('redisUrl'), { WF_PREFIX: prefix, WF_STREAMS: stream });
    const cookie = await wf.login('lea', 'correct horse battery');
    const list = (await (await fetch(`${wf.url}/api/alerts`, { headers: { cookie } })).json()) as {
      alerts: Alert[];
    };
    const byId = new Map(list.alerts.map((a) => [a.id, a]));
    expect(byId.get(open.id)?.state).toBe('open');
    expect(byId.get(acked.id)?.state).toBe('acknowledged');
    expect(byId.get(snoozed.id)?.snoozedUntil).toBeGreaterThan(Date.now());
    const rules = (await (await fetch(`${wf.url}/api/rules`, { headers: { cookie } })).json()) as {
      rules: unknown[];
    };
    expect(rules.rules.length).toBeGreaterThan(0);
  });
});
