/**
 * The HTTP contract against a real server: every route of `shared/contract.ts` is called as the screens call it, and
 * each answer is parsed strictly by the route's shared schema, so a field renamed, added or dropped on one side
 * only fails here (the typecheck catches the same split at compile time). Bad input meets one validation path: a
 * 400 `{error:{code:'bad_request', message}}` naming the field.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOGUES } from '../../client/src/i18n/index.js';
import { API, type RouteDef, type RouteInput } from '../../shared/contract.js';
import { SEVERITY_BANDS } from '../../shared/schemas/alert.js';
import { raiseAlert } from '../support/alerts.js';
import { type Caller, callChecked, send } from '../support/contract.js';
import { type Receiver, startHandoffReceiver } from '../support/handoff-receivers.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let operator: Caller;
let lead: Caller;
let admin: Caller;
let hive: Receiver;
const HOST = '10.5.0.7';
const SCANNER = '10.5.0.8';
const REFUSER = '10.5.0.99';
const called = new Set<RouteDef>();
const PASSWORD = 'correct horse battery';

/** Calls a route checked against its schema, and remembers that the route was covered. */
function check<R extends RouteDef>(who: Caller, def: R, input: RouteInput<R>) {
  called.add(def);
  return callChecked(who, def, input);
}

beforeAll(async () => {
  hive = await startHandoffReceiver('contract-hive-key');
  wf = await startTestServer(inject('redisUrl'), {
    WF_THEHIVE_URL: hive.url,
    WF_THEHIVE_KEY: 'contract-hive-key',
  });
  const as = async (role: 'operator' | 'lead' | 'admin') => ({
    url: wf.url,
    cookie: await wf.userCookie(role),
  });
  [operator, lead, admin] = [await as('operator'), await as('lead'), await as('admin')];
  const p = wf.redis.pipeline();
  for (let i = 0; i < 20; i++) {
    const ev = { ts: Date.now() - 20_000 + i * 1000, sensor: 'sensor-contract', kind: 'flow', src_ip: HOST };
    p.xadd(wf.stream, '*', 'event', JSON.stringify({ ...ev, segment: 'contract', bytes_out: 1000 + i }));
    // another host refused by one address on port after port: the scan detector holds that address
    const refused = { ...ev, src_ip: SCANNER, dst_ip: REFUSER, dst_port: 8000 + i, conn_state: 'REJ' };
    p.xadd(wf.stream, '*', 'event', JSON.stringify({ ...refused, segment: 'contract' }));
  }
  await p.exec();
  await eventually(async () => wf.live.engine.host(HOST) ?? undefined);
  // and their seconds closed and stored (a tick after the events, then its write): the series answer has points
  await eventually(async () => {
    const now = Date.now();
    const { points } = await callChecked(operator, API.series, {
      query: { from: now - 600_000, to: now, step: 10 },
    });
    return points.length > 0;
  });
});
afterAll(async () => {
  await wf?.close();
  await hive?.close();
});

describe('the HTTP contract, answer by answer', () => {
  it('session: login, me, logout, and the configuration served before login', async () => {
    await check({ url: wf.url }, API.config, {});
    await wf.users.add('contract-user', 'operator', 'correct horse battery');
    const me = await check({ url: wf.url }, API.login, {
      body: { username: 'contract-user', password: 'correct horse battery' },
    });
    expect(me).toEqual({ username: 'contract-user', role: 'operator' });
    await check(operator, API.me, {});
    const own = { url: wf.url, cookie: await wf.login('contract-user', 'correct horse battery') };
    expect(await check(own, API.setMyLocale, { body: { locale: 'lt' } })).toEqual({
      username: 'contract-user',
      role: 'operator',
      locale: 'lt',
    });
    await check(
      { url: wf.url, cookie: await wf.login('contract-user', 'correct horse battery') },
      API.logout,
      {},
    );
  });

  it('data: stats, sensors, search, series, host, notes, example events, the alert rule', async () => {
    await check(operator, API.stats, {});
    const { sensors } = await check(operator, API.sensors, {});
    expect(sensors.map((s) => s.sensor)).toContain('sensor-contract');
    const sensorHistory = await check(operator, API.sensorHistory, { query: { step: 60, top: 3 } });
    expect(sensorHistory.step).toBe(60);
    const { results } = await check(operator, API.search, { query: { q: 'contract' } });
    expect(results.map((r) => r.type)).toEqual(expect.arrayContaining(['segment', 'sensor']));
    const named = await eventually(async () => {
      const a = await check(operator, API.peers, { query: { q: REFUSER } });
      return a.total > 0 ? a : undefined;
    });
    expect(named.peers.map((p) => [p.ip, p.segment, p.seen.map((s) => s.detector)])).toEqual([
      [SCANNER, 'contract', ['scan']],
    ]);
    expect(await check(operator, API.peers, { query: { q: '203.0.113.200' } })).toEqual({
      q: '203.0.113.200',
      peers: [],
      total: 0,
    });
    const now = Date.now();
    const series = { from: now - 600_000, to: now, step: 10 };
    const full = await check(operator, API.series, { query: series });
    expect(full.points.length).toBeGreaterThan(0);
    expect(full.points.every((p) => 'byKind' in p)).toBe(true);
    // the explored charts' leaner answer: the same points without their per-kind counts
    const rates = await check(operator, API.series, { query: { ...series, kinds: 'false' } });
    expect(rates.kinds).toBe(false);
    expect(rates.points.some((p) => 'byKind' in p)).toBe(false);
    expect(rates.points.map((p) => [p.segment, p.t, p.events])).toEqual(
      full.points.map((p) => [p.segment, p.t, p.events]),
    );
    const note = await check(operator, API.addHostNote, { params: { ip: HOST }, body: { text: 'seen' } });
    expect(note.note.text).toBe('seen');
    const detail = await check(operator, API.host, { params: { ip: HOST } });
    expect(detail.notes[0]?.text).toBe('seen');
    expect(detail.host?.recent.length).toBeGreaterThan(0);
    const ref = String(detail.host!.recent[0]!.ref);
    const { events } = await check(operator, API.events, { query: { ref: [ref, 'telemetry-gone/1-0'] } });
    expect(events.map((e) => e.event === null)).toEqual([false, true]);
    // the screens draw the thresholds the server applies: an admin's change shows at once
    expect(await check(operator, API.alerting, {})).toEqual({ raise: 60, clear: 40, bands: SEVERITY_BANDS });
    await check(admin, API.saveSettings, { body: { raise: 70 } });
    expect((await check(operator, API.alerting, {})).raise).toBe(70);
    await check(admin, API.saveSettings, { body: { raise: 60 } });
  });

  it('alerts: list, detail, an action, a false positive with its suggested rule, bulk, rules, audit', async () => {
    const alert = await raiseAlert(wf);
    const { alerts } = await check(operator, API.alerts, { query: { state: 'open', snoozed: 'false' } });
    expect(alerts.map((a) => a.id)).toContain(alert.id);
    const acked = await check(lead, API.alertAction, {
      params: { id: alert.id, action: 'ack' },
      body: { note: 'mine', version: alert.version },
    });
    expect(acked.alert.state).toBe('acknowledged');
    const resolved = await check(lead, API.alertAction, {
      params: { id: alert.id, action: 'resolve' },
      body: { note: 'noise', disposition: 'false_positive' },
    });
    expect(resolved.suggestedRule).toMatchObject({ entity: alert.entity.id, detector: alert.detector });
    const { history } = await check(operator, API.alert, { params: { id: alert.id } });
    expect(history.map((h) => h.action)).toEqual(['alert.raise', 'alert.ack', 'alert.resolve']);
    const other = await raiseAlert(wf);
    const bulk = await check(lead, API.bulk, {
      body: { ids: [other.id, 'nope'], action: 'ack', note: 'all' },
    });
    expect([bulk.alerts.length, bulk.failed.length]).toEqual([1, 1]);
    const { rule } = await check(lead, API.addRule, { body: resolved.suggestedRule! });
    const { rules } = await check(operator, API.rules, {});
    expect(rules.map((r) => r.id)).toContain(rule.id);
    await check(lead, API.removeRule, { params: { id: rule.id } });
    const { records } = await check(lead, API.audit, { query: { alert: alert.id } });
    expect(records).toHaveLength(3);
  });

  it('the written handover: read, summary, watch-for items, hand-over', async () => {
    const first = await check(operator, API.handover, {});
    const { draft } = await check(lead, API.saveHandoverSummary, {
      body: { summary: 'quiet shift', onWall: false, version: first.draft.version },
    });
    const { item } = await check(lead, API.addWatchItem, { body: { text: 'watch 10.5.0.7', onWall: true } });
    await check(lead, API.updateWatchItem, { params: { id: item.id }, body: { onWall: false } });
    const { previous } = await check(lead, API.handOver, { body: { version: draft.version } });
    expect(previous.items.map((i) => i.id)).toEqual([item.id]);
    await check(lead, API.closeWatchItem, { params: { id: item.id } });
  });

  it('administration: users, display tokens and the wall, settings, deliveries, dead letters', async () => {
    await check(admin, API.addUser, {
      body: { username: 'new-op', role: 'operator', password: 'long enough pw' },
    });
    await check(admin, API.users, {});
    await check(admin, API.disableUser, { params: { name: 'new-op' } });
    await check(admin, API.enableUser, { params: { name: 'new-op' } });
    await check(admin, API.setPassword, {
      params: { name: 'new-op' },
      body: { password: 'another long pw' },
    });
    const created = await check(admin, API.createToken, {
      body: { label: 'room B', segments: ['contract'] },
    });
    await check(admin, API.tokens, {});
    const wall = await check({ url: wf.url, bearer: created.secret }, API.wall, {});
    expect(wall).toMatchObject({ label: 'room B', segments: ['contract'], alerting: { raise: 60 } });
    await check(admin, API.revokeToken, { params: { id: created.token.id } });
    await check(admin, API.settings, {});
    await check(admin, API.saveSettings, { body: { webhooks: [] } });
    await check(admin, API.deliveries, {});
    await check(admin, API.dlq, { query: { limit: 5 } });
    expect(await check(admin, API.requeue, { body: { all: true } })).toEqual({ requeued: 0, failed: [] });
    // no WF_INTEL here: no feed, nothing matched (tests/integration/intel.test.ts loads feeds)
    expect(await check(admin, API.intel, {})).toMatchObject({ feeds: [], observables: 0 });
    expect(await check(admin, API.intelRefresh, {})).toMatchObject({ feeds: [], observables: 0 });
    // host notes and feed refreshes are actions like the others: in the audit trail, with who made them
    const audit = await check(admin, API.audit, { query: { from: 0 } });
    expect(audit.records.find((r) => r.action === 'intel.refresh')).toMatchObject({ role: 'admin' });
    expect(audit.records.find((r) => r.action === 'host.note')).toMatchObject({
      role: 'operator',
      note: `${HOST}: seen`,
    });
  });

  it("accounts: API tokens, sessions (everyone's and one's own), the sign-in policy, the OpenAPI document", async () => {
    const created = await check(admin, API.createApiToken, {
      body: { name: 'contract-soar', role: 'lead', expiresInDays: 30 },
    });
    const asToken = { url: wf.url, bearer: created.secret };
    expect(await check(asToken, API.me, {})).toEqual({ username: 'token:contract-soar', role: 'lead' });
    const { tokens } = await check(admin, API.apiTokens, {});
    expect(tokens.find((t) => t.name === 'contract-soar')?.lastUsedAt).toBeGreaterThan(0);
    await check(admin, API.revokeApiToken, { params: { id: created.token.id } });

    await wf.users.add('contract-sessions', 'operator', 'correct horse battery');
    const mine = { url: wf.url, cookie: await wf.login('contract-sessions', 'correct horse battery') };
    const other = await wf.login('contract-sessions', 'correct horse battery');
    const own = await check(mine, API.mySessions, {});
    expect(own.sessions.map((s) => s.current).sort()).toEqual([false, true]);
    const { sessions } = await check(admin, API.sessions, {});
    const theirs = sessions.filter((s) => s.username === 'contract-sessions');
    expect(theirs).toHaveLength(2);
    await check(admin, API.endSession, { params: { id: own.sessions.find((s) => !s.current)!.id } });
    expect((await send({ url: wf.url, cookie: other }, API.me, {})).status).toBe(401);
    expect(await check(mine, API.endMySessions, { body: { keepCurrent: false } })).toEqual({
      ok: true,
      endedSessions: 1,
    });

    await wf.users.add('contract-totp', 'operator', PASSWORD);
    const totpUser = { url: wf.url, cookie: await wf.login('contract-totp', PASSWORD) };
    expect(await check(totpUser, API.myTotp, {})).toEqual({
      enrolled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const { secret } = await check(totpUser, API.enrolTotp, {});
    const { recoveryCodes } = await check(totpUser, API.confirmTotp, {
      body: { totp: await generate({ secret }) },
    });
    const secondStep = await send({ url: wf.url }, API.login, {
      body: { username: 'contract-totp', password: PASSWORD },
    });
    expect(secondStep).toMatchObject({ status: 401, body: { error: { code: 'totp_required' } } });
    await check({ url: wf.url }, API.login, {
      body: { username: 'contract-totp', password: PASSWORD, totp: recoveryCodes[0]! },
    });
    await check(totpUser, API.removeTotp, { body: { totp: recoveryCodes[1]! } });
    await check(admin, API.resetTotp, { params: { name: 'contract-totp' } });

    expect(await check(admin, API.accountPolicy, {})).toEqual({
      totpRequired: [],
      newLoginEndsOthers: false,
    });
    await check(admin, API.saveAccountPolicy, { body: { newLoginEndsOthers: false } });
    expect(await check({ url: wf.url }, API.signIn, {})).toEqual({ sso: false, local: 'all' });
    // one process: itself, every role, no partitions
    const cluster = await check(admin, API.cluster, {});
    expect(cluster.partitions).toEqual([]);
    expect(cluster.members.map((m) => m.roles)).toEqual([['ingest', 'score', 'web']]);
    const operator = { url: wf.url, cookie: await wf.login('contract-sessions', 'correct horse battery') };
    expect((await send(operator, API.cluster, {})).status).toBe(403);
    const doc = await check({ url: wf.url }, API.openapi, {});
    expect(doc.openapi).toBe('3.1.0');
  });

  it('hand-off: the exports, TheHive, the pivot templates', async () => {
    const alert = await raiseAlert(wf, { ip: '10.5.0.9', score: 70 });
    const stix = await check(operator, API.exportAlert, {
      params: { id: alert.id },
      query: { format: 'stix' },
    });
    expect(stix.type).toBe('bundle');
    const misp = await check(operator, API.exportAlert, {
      params: { id: alert.id },
      query: { format: 'misp' },
    });
    expect(Object.keys(misp)).toEqual(['Event']);
    expect(await check(lead, API.theHive, { params: { id: alert.id } })).toMatchObject({ observables: 1 });
    expect(await check(operator, API.pivots, {})).toEqual({ pivots: [] });
    const bad = await send(operator, API.exportAlert, {
      params: { id: alert.id },
      query: { format: 'pdf' as 'stix' },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });

  it('watchlist and saved hunts', async () => {
    const { entry } = await check(lead, API.addWatch, {
      body: { kind: 'cidr', value: '10.5.0.0/16', reason: 'contract', expiresInHours: 1 },
    });
    expect((await check(operator, API.watchlist, {})).entries.map((e) => e.id)).toContain(entry.id);
    await check(lead, API.removeWatch, { params: { id: entry.id } });
    const { hunt } = await check(lead, API.addHunt, {
      body: { name: 'contract', filters: { segment: 'contract', minScore: 1, lastMinutes: 30 } },
    });
    expect((await check(operator, API.hunts, {})).hunts[0]!.id).toBe(hunt.id);
    expect((await check(operator, API.hunt, { params: { id: hunt.id } })).hunt).toEqual(hunt);
    await check(lead, API.removeHunt, { params: { id: hunt.id } });
  });

  it('every route of the contract was called above', () => {
    const missed = Object.entries(API)
      .filter(([, def]) => !called.has(def))
      .map(([name]) => name);
    expect(missed).toEqual([]);
  });
});

describe('one validation path: bad input is a 400 naming the field, before any store sees it', () => {
  const cases: [string, () => Promise<{ status: number; body: unknown }>, RegExp][] = [
    [
      'a login without a password',
      () => send({ url: wf.url }, API.login, { body: { username: 'x' } as never }),
      /password/,
    ],
    ['a query out of range', () => send(operator, API.series, { query: { step: 0 } }), /^step: /],
    ['an empty search', () => send(operator, API.search, { query: { q: ' ' } }), /q is required/],
    ['an empty address', () => send(operator, API.peers, { query: { q: ' ' } }), /q is required/],
    ['an address too long', () => send(operator, API.peers, { query: { q: 'a'.repeat(257) } }), /^q: /],
    [
      'too many event refs',
      () => send(operator, API.events, { query: { ref: Array(21).fill('a/1-0') } }),
      /ref/,
    ],
    [
      'an empty host note',
      () => send(operator, API.addHostNote, { params: { ip: HOST }, body: { text: '' } }),
      /^text: /,
    ],
    [
      'a rule without a reason',
      () => send(lead, API.addRule, { body: { entity: HOST, expiresAt: 1 } as never }),
      /reason/,
    ],
    [
      'a bulk action of no kind',
      () => send(lead, API.bulk, { body: { ids: [], action: 'delete' } as never }),
      /^action: /,
    ],
    [
      'an action without its note',
      () => send(lead, API.alertAction, { params: { id: 'A1', action: 'ack' }, body: {} }),
      /^note: /,
    ],
    ['settings out of range', () => send(admin, API.saveSettings, { body: { raise: 500 } }), /^raise: /],
    [
      'settings of a name it does not have (a typo answered 200 and changed nothing)',
      () => send(admin, API.saveSettings, { body: { raise_threshold: 70 } as never }),
      /raise_threshold/,
    ],
    [
      'settings breaking the hysteresis',
      () => send(admin, API.saveSettings, { body: { clear: 90 } }),
      /clear must be below raise/,
    ],
    [
      'a display token without a label',
      () => send(admin, API.createToken, { body: { label: '' } }),
      /^label: /,
    ],
    [
      'a password of spaces',
      () =>
        send(admin, API.addUser, {
          body: { username: 'spaces', role: 'operator', password: ' '.repeat(12) },
        }),
      /^password: at least 10 characters besides spaces/,
    ],
    [
      'a user with an unknown role',
      () => send(admin, API.addUser, { body: { username: 'x', role: 'root', password: 'y' } as never }),
      /^role: /,
    ],
    [
      'a dead-letter selection of two kinds',
      () => send(admin, API.requeue, { body: { all: true, reason: 'bad_json' } }),
      /one way only: every entry \(all\), a reason, or entry ids/,
    ],
    [
      'an audit export of no known format',
      () => send(lead, API.audit, { query: { format: 'xml' } as never }),
      /^format: /,
    ],
  ];
  it('names the tightest limit a value breaks (1e20 minutes broke the safe-integer range too)', async () => {
    const { status, body } = await send(lead, API.alertAction, {
      params: { id: 'A1', action: 'snooze' },
      body: { note: 'x', minutes: 1e20 },
    });
    expect(status).toBe(400);
    expect((body as { error: object }).error).toMatchObject({
      key: 'dlq.too_big',
      params: { field: 'minutes', limit: 43_200 },
    });
  });

  it.each(cases)('%s', async (_what, request, message) => {
    const { status, body } = await request();
    expect(status).toBe(400);
    expect(Object.keys(body as object)).toEqual(['error']);
    const error = (body as { error: { code: string; message: string; key?: string; params?: object } }).error;
    expect(error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
    // for screens, the first problem as a key of the catalogues with its field (they show it in their language);
    // a custom rule's own words stay English, with no key
    if (error.key === undefined) return expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(error.params).toEqual(expect.objectContaining({ field: expect.any(String) }));
    const key = error.key.split('.');
    expect(key[0]).toBe('dlq');
    for (const catalogue of [CATALOGUES.en, CATALOGUES.lt]) {
      let node: unknown = (catalogue as { server: unknown }).server;
      for (const part of key) node = (node as Record<string, unknown>)[part];
      expect(typeof node, key.join('.')).toBe('string');
    }
  });

  it('a 400 out of a schema range names it for screens: field and limit', async () => {
    const { status, body } = await send(operator, API.series, { query: { step: 0 } as never });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: { code: 'bad_request', key: 'dlq.too_small', params: { field: 'step', limit: 1 } },
    });
  });
});
