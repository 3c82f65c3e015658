import { describe, expect, it } from 'vitest';
import { RaiseTracker } from '../../server/alerts/raise-tracker.js';
import { applyAction } from '../../server/alerts/state-machine.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { alertFixture } from '../support/alert-fixture.js';

const T = 1_800_000_000_000;
const base: Alert = alertFixture({ firstSeen: T, lastSeen: T });
const lead = { name: 'lea', role: 'lead' as const };
const lead2 = { name: 'leo', role: 'lead' as const };
const operator = { name: 'otto', role: 'operator' as const };

describe('alert state machine', () => {
  it('acknowledges with owner, note, default 4 h expiry and an audit record', () => {
    const t = applyAction(base, { type: 'ack', note: 'looking' }, lead, T);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.alert).toMatchObject({
      state: 'acknowledged',
      owner: 'lea',
      ackedAt: T,
      ackExpiresAt: T + 4 * 3_600_000,
      version: 2,
    });
    expect(t.audit).toMatchObject({
      actor: 'lea',
      role: 'lead',
      action: 'alert.ack',
      from: 'open',
      to: 'acknowledged',
      note: 'looking',
    });
  });

  it('refuses: no note, operator role, acknowledged by another, stale version, resolved', () => {
    expect(applyAction(base, { type: 'ack', note: ' ' }, lead, T)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(applyAction(base, { type: 'ack', note: 'x' }, operator, T)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const acked = { ...base, state: 'acknowledged' as const, owner: 'lea', version: 2 };
    const again = applyAction(acked, { type: 'ack', note: 'mine' }, lead2, T);
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    expect(!again.ok && again.message).toMatch(/lea/);
    expect(applyAction(acked, { type: 'escalate', note: 'x', version: 1 }, lead2, T)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const resolved = { ...base, state: 'resolved' as const };
    expect(applyAction(resolved, { type: 'ack', note: 'x' }, lead, T)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('says a stale action met a resolved alert and who resolved it, not the claim it had before', () => {
    // lea claimed it; leo resolved it while lea wrote an escalation over version 2
    const resolved = {
      ...base,
      state: 'resolved' as const,
      owner: 'lea',
      resolvedBy: 'leo',
      version: 3,
    };
    expect(applyAction(resolved, { type: 'escalate', note: 'worse', version: 2 }, lead, T)).toMatchObject({
      ok: false,
      code: 'conflict',
      message: 'alert A1 is resolved by leo',
      text: { key: 'alert.resolved_by', params: { id: 'A1', user: 'leo' } },
    });
    // not acknowledged, whatever `owner` holds: no claim to name (the rule is `claimHolder`)
    const released = { ...base, state: 'open' as const, owner: 'lea', version: 4 };
    const stale = applyAction(released, { type: 'ack', note: 'x', version: 3 }, lead2, T);
    expect(stale).toMatchObject({ ok: false, code: 'conflict', text: { key: 'alert.changed' } });
    expect(!stale.ok && stale.message).toBe('alert changed since version 3 (now 4)');
  });

  it('takes over with takeover and a note; only the owner releases', () => {
    const acked = { ...base, state: 'acknowledged' as const, owner: 'lea', version: 2 };
    const t = applyAction(acked, { type: 'ack', note: 'handing over', takeover: true }, lead2, T);
    expect(t.ok && t.alert.owner).toBe('leo');
    expect(t.ok && t.audit.action).toBe('alert.takeover');
    expect(applyAction(acked, { type: 'release' }, lead2, T)).toMatchObject({ ok: false, code: 'conflict' });
    const r = applyAction(acked, { type: 'release', note: 'off shift' }, lead, T);
    expect(r.ok && r.alert).toMatchObject({ state: 'open', owner: null, ackExpiresAt: null });
  });

  it('expires a claim only after its expiry, as the system', () => {
    const acked = { ...base, state: 'acknowledged' as const, owner: 'lea', ackExpiresAt: T + 1000 };
    const sys = { name: 'system', role: 'system' as const };
    expect(applyAction(acked, { type: 'expire', at: T }, sys, T)).toMatchObject({ ok: false });
    expect(applyAction(acked, { type: 'expire', at: T + 2000 }, lead, T + 2000)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const t = applyAction(acked, { type: 'expire', at: T + 2000 }, sys, T);
    expect(t.ok && t.alert).toMatchObject({ state: 'open', owner: null });
    expect(t.ok && t.alert.notes.at(-1)!.text).toMatch(/expired/);
  });

  it('resolves with a disposition (final), escalates once, snoozes, and lets operators add notes', () => {
    const r = applyAction(base, { type: 'resolve', note: 'fixed', disposition: 'false_positive' }, lead, T);
    expect(r.ok && r.alert).toMatchObject({
      state: 'resolved',
      disposition: 'false_positive',
      resolvedBy: 'lea',
    });
    const e = applyAction(base, { type: 'escalate', note: 'to CERT' }, lead, T);
    expect(e.ok && e.alert.escalated).toBe(true);
    expect(e.ok && applyAction(e.alert, { type: 'escalate', note: 'again' }, lead, T)).toMatchObject({
      ok: false,
    });
    const s = applyAction(base, { type: 'snooze', note: 'maintenance', minutes: 30 }, lead, T);
    expect(s.ok && s.alert.snoozedUntil).toBe(T + 30 * 60_000);
    const p = applyAction(base, { type: 'snooze', note: 'watch it', untilPeak: true }, lead, T);
    expect(p.ok && p.alert.snoozedAbove).toBe(80);
    const n = applyAction(base, { type: 'note', text: 'seen on the proxy too' }, operator, T);
    expect(n.ok && n.alert.notes).toHaveLength(1);
  });
});

describe('raise tracker (hysteresis)', () => {
  const obs = (score: number, at: number) => ({
    entityType: 'host' as const,
    entityId: '10.0.0.1',
    segment: 'e',
    score,
    at,
    reasons: [{ detector: 'scan', feature: 'ports', observed: 1, expected: 0, contribution: score }],
  });

  it('raises after the hold time, not on a single spike', () => {
    const t = new RaiseTracker();
    expect(t.observe([obs(90, T)], T)).toEqual([]);
    expect(t.observe([obs(20, T + 1000)], T + 1000)).toEqual([]);
    expect(t.observe([obs(70, T + 2000)], T + 2000)).toEqual([]);
    expect(t.observe([obs(70, T + 4000)], T + 4000)).toEqual([]);
    expect(t.observe([obs(70, T + 5000)], T + 5000).map((d) => d.type)).toEqual(['raise']);
  });

  it("raises with the run's peak: a score that decays during the hold keeps its height; a broken run does not", () => {
    const t = new RaiseTracker();
    for (const [i, score] of [91, 88, 86, 84].entries()) {
      const out = t.observe([obs(score, T + i * 1000)], T + i * 1000);
      if (i < 3) expect(out).toEqual([]);
      else expect(out).toMatchObject([{ type: 'raise', obs: { score: 84, peak: 91 } }]);
    }
    const u = new RaiseTracker();
    for (const [i, score] of [95, 20, 70, 70, 70, 70].entries()) {
      const out = u.observe([obs(score, T + i * 1000)], T + i * 1000);
      if (i === 5) expect(out).toMatchObject([{ type: 'raise', obs: { score: 70, peak: 70 } }]);
    }
  });

  it('does not flap or re-raise while a score oscillates around the threshold', () => {
    const t = new RaiseTracker();
    const decisions = [];
    for (let i = 0; i < 600; i++)
      decisions.push(...t.observe([obs(i % 2 ? 55 : 65, T + i * 1000)], T + i * 1000));
    for (let i = 0; i < 600; i++)
      decisions.push(...t.observe([obs(i % 2 ? 58 : 62, T + (600 + i) * 1000)], T + (600 + i) * 1000));
    expect(decisions.filter((d) => d.type === 'raise')).toHaveLength(0);
    const u = new RaiseTracker();
    const held = [];
    for (let i = 0; i < 5; i++) held.push(...u.observe([obs(70, T + i * 1000)], T + i * 1000));
    for (let i = 5; i < 300; i++) held.push(...u.observe([obs(i % 2 ? 45 : 65, T + i * 1000)], T + i * 1000));
    expect(held.filter((d) => d.type === 'raise')).toHaveLength(1);
    expect(held.filter((d) => d.type === 'clear')).toHaveLength(0);
    for (let i = 300; i < 340; i++) held.push(...u.observe([], T + i * 1000));
    expect(held.filter((d) => d.type === 'clear')).toHaveLength(1);
  });
});
