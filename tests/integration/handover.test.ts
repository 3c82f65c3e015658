/**
 * The written handover against a real Redis and real sockets: leads write the summary and watch-for items (audited,
 * compare-and-set), operators read only, the shift is handed over and survives a restart of the server, and the
 * wall's part reaches whole-network screens at once (snapshot and `handover` event) but not segment-limited ones.
 * An escalation's note is marked as the escalation's reason.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Alert } from '../../shared/schemas/alert.js';
import type { HandoverAnswer, WallHandover } from '../../shared/schemas/handover.js';
import { raiseAlert } from '../support/alerts.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let lead: string;
let lead2: string;
let operator: string;
let admin: string;

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  await wf.users.add('hanna', 'lead', 'correct horse battery');
  lead = await wf.login('hanna', 'correct horse battery');
  lead2 = await wf.userCookie('lead');
  operator = await wf.userCookie('operator');
  admin = await wf.userCookie('admin');
});
afterAll(async () => wf?.close());

const send = (method: string, cookie: string, path: string, body?: unknown) =>
  fetch(`${wf.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const read = async (cookie = operator) =>
  (await (await send('GET', cookie, '/handover')).json()) as HandoverAnswer;

describe('the written handover', () => {
  it('leads write the summary and watch-for items; every write is audited; operators read only', async () => {
    const empty = await read();
    expect(empty.draft).toMatchObject({ summary: '', onWall: false, version: 0 });
    expect(empty.items).toEqual([]);
    expect(empty.previous).toBeNull();

    const saved = await send('PUT', lead, '/handover/summary', {
      summary: '  Scan from 10.9.0.4 contained; <b>ministry</b> CERT informed.  ',
      onWall: true,
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { draft: unknown }).draft).toMatchObject({
      summary: 'Scan from 10.9.0.4 contained; <b>ministry</b> CERT informed.',
      onWall: true,
      version: 1,
      updatedBy: 'hanna',
    });

    // another lead saving over the version they read: refused, nothing changed, nothing audited
    const before = (await wf.audit.query({ actor: 'hanna' })).length;
    const stale = await send('PUT', lead2, '/handover/summary', { summary: 'x', onWall: false, version: 0 });
    expect(stale.status).toBe(409);
    expect((await read()).draft.summary).toContain('Scan from 10.9.0.4');

    const added = await send('POST', lead, '/handover/items', {
      text: 'Beaconing from 10.20.4.17 every 5 min',
      onWall: true,
    });
    expect(added.status).toBe(201);
    const { item } = (await added.json()) as { item: { id: string } };
    const quiet = await send('POST', lead, '/handover/items', { text: 'Patch window on energy tonight' });
    const quietItem = ((await quiet.json()) as { item: { id: string; onWall: boolean } }).item;
    expect(quietItem.onWall).toBe(false);

    expect((await send('PUT', lead, `/handover/items/${quietItem.id}`, { onWall: true })).status).toBe(200);
    expect((await send('PUT', lead, `/handover/items/${quietItem.id}`, { onWall: false })).status).toBe(200);
    expect((await send('PUT', lead, '/handover/items/Wnope', { onWall: true })).status).toBe(404);

    const trail = await wf.audit.query({ actor: 'hanna' });
    expect(trail.length).toBe(before + 4);
    expect(trail.slice(-4).map((r) => r.action)).toEqual([
      'handover.item.add',
      'handover.item.add',
      'handover.item.wall',
      'handover.item.wall',
    ]);
    const summaryRecord = (await wf.audit.query({ actor: 'hanna' })).find(
      (r) => r.action === 'handover.summary',
    );
    expect(summaryRecord).toMatchObject({ role: 'lead', note: expect.stringContaining('<b>ministry</b>') });

    // operators read, never write; bad bodies are a 400 envelope
    expect((await read(operator)).items.map((i) => i.id)).toEqual([item.id, quietItem.id]);
    const refused = await send('POST', operator, '/handover/items', { text: 'x' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await send('POST', lead, '/handover/items', { text: '   ' })).status).toBe(400);
    expect((await send('POST', lead, '/handover/items', { text: 'x'.repeat(501) })).status).toBe(400);
    expect(
      (await send('PUT', lead, '/handover/summary', { summary: 'x', onWall: 'yes', version: 1 })).status,
    ).toBe(400);
    expect(
      (await send('PUT', admin, '/handover/summary', { summary: 'admin', onWall: false, version: 9 })).status,
    ).toBe(409);
  });

  it('tells whole-network screens what the wall shows, at once and in their snapshot; not segment-limited ones', async () => {
    const full = (await wf.tokens.create({ label: 'ops room' }, 'test')).token;
    const limited = (await wf.tokens.create({ label: 'energy', segments: ['energy'] }, 'test')).token;
    const wall = wf.wallSocket(full);
    const energy = wf.wallSocket(limited);
    const [snap, energySnap] = await Promise.all([
      new Promise<{ handover?: WallHandover }>((r) => wall.once('snapshot', r)),
      new Promise<{ handover?: WallHandover }>((r) => energy.once('snapshot', r)),
    ]);
    expect(snap.handover?.summary?.text).toContain('Scan from 10.9.0.4');
    expect(snap.handover?.items.map((i) => i.text)).toEqual(['Beaconing from 10.20.4.17 every 5 min']);
    expect(energySnap.handover).toBeUndefined();

    let energyHeard = 0;
    energy.on('handover', () => energyHeard++);
    const pushed = new Promise<WallHandover>((r) => wall.once('handover', r));
    const { items } = await read();
    const quiet = items.find((i) => !i.onWall)!;
    await send('PUT', lead, `/handover/items/${quiet.id}`, { onWall: true });
    expect((await pushed).items.map((i) => i.text)).toEqual([
      'Beaconing from 10.20.4.17 every 5 min',
      'Patch window on energy tonight',
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(energyHeard).toBe(0);
    wall.disconnect();
    energy.disconnect();
  });

  it('hands the shift over: the next shift finds the summary and the items after a restart', async () => {
    const before = await read();
    const stale = await send('POST', lead, '/handover/hand-over', { version: before.draft.version - 1 });
    expect(stale.status).toBe(409);
    const done = await send('POST', lead2, '/handover/hand-over', { version: before.draft.version });
    expect(done.status).toBe(200);

    // a new server on the same Redis prefix: nothing lives in the process
    const { prefix, stream } = wf;
    await wf.close();
    wf = await startTestServer(inject('redisUrl'), { WF_PREFIX: prefix, WF_STREAMS: stream });
    const next = await wf.login('hanna', 'correct horse battery');
    const after = await read(next);
    expect(after.draft).toMatchObject({ summary: '', onWall: false, version: before.draft.version + 1 });
    expect(after.previous).toMatchObject({
      summary: before.draft.summary,
      onWall: true,
      writtenBy: 'hanna',
      handedOverBy: expect.stringMatching(/^lead-/),
    });
    expect(after.previous?.items.map((i) => i.text)).toEqual(before.items.map((i) => i.text));
    // open items stay open for the next shift, until a lead closes one
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
    expect((await send('DELETE', next, `/handover/items/${after.items[0]!.id}`)).status).toBe(200);
    expect((await send('DELETE', next, `/handover/items/${after.items[0]!.id}`)).status).toBe(404);
    expect((await read(next)).items).toHaveLength(before.items.length - 1);
    const actions = (await wf.audit.query({})).map((r) => r.action);
    expect(actions).toContain('handover.hand-over');
    expect(actions).toContain('handover.item.close');

    // the handed-over summary stays on the wall for the next shift (it was chosen for it)
    const wall = wf.wallSocket((await wf.tokens.create({ label: 'ops room 2' }, 'test')).token);
    const snap = await new Promise<{ handover?: WallHandover }>((r) => wall.once('snapshot', r));
    expect(snap.handover?.summary?.text).toBe(before.draft.summary);
    wall.disconnect();
  });

  it("marks an escalation's note as the escalation's reason", async () => {
    const alert = await raiseAlert(wf, { score: 80 });
    const cookie = await wf.userCookie('lead');
    const act = async (action: string, body: unknown) =>
      ((await (await send('POST', cookie, `/alerts/${alert.id}/${action}`, body)).json()) as { alert: Alert })
        .alert;
    await act('note', { text: 'looking' });
    const escalated = await act('escalate', { note: 'exfiltration suspected: tell the CERT' });
    expect(escalated.notes.map((n) => [n.action ?? 'note', n.text])).toEqual([
      ['note', 'looking'],
      ['escalate', 'exfiltration suspected: tell the CERT'],
    ]);
  });
});
