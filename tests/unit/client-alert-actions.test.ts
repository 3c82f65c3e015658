/** Alert actions as the client sends them (notes, snooze until worse), and alert facts in words. */
import { describe, expect, it } from 'vitest';
import { canGetWorse } from '../../client/src/features/alerts/ActionDialog.js';
import { actionBody, NOTE_REQUIRED } from '../../client/src/features/alerts/actions.js';
import { auditDisposition, dispositionLabel, snoozeText } from '../../client/src/features/alerts/describe.js';
import { parseAction } from '../../server/alerts/action-schemas.js';
import { isSnoozed } from '../../shared/schemas/alert.js';
import { alertFixture } from '../support/alert-fixture.js';
import { alert } from './client-fixtures.js';

describe('alert actions', () => {
  it('asks for a note wherever the server refuses one without it; release stays optional', () => {
    for (const name of ['ack', 'escalate', 'resolve', 'snooze'] as const) {
      expect(NOTE_REQUIRED.has(name)).toBe(true);
      expect(() => parseAction(name, { ...actionBody(name, { note: '' }, 1), minutes: 60 })).toThrow(/note/);
    }
    expect(NOTE_REQUIRED.has('note')).toBe(true);
    expect(NOTE_REQUIRED.has('release')).toBe(false);
    expect(() => parseAction('release', actionBody('release', { note: '' }, 1))).not.toThrow();
  });

  it('snoozes "or until it gets worse" with the field the server takes', () => {
    const body = actionBody('snooze', { note: 'quiet', minutes: 60, untilPeak: true }, 3);
    expect(body).toEqual({ note: 'quiet', version: 3, minutes: 60, untilPeak: true });
    expect(parseAction('snooze', body)).toMatchObject({ type: 'snooze', untilPeak: true, minutes: 60 });
    expect(actionBody('snooze', { note: 'quiet', minutes: 60, untilPeak: false }, 3)).not.toHaveProperty(
      'untilPeak',
    );
    expect(actionBody('note', { note: 'hello' }, 3)).toEqual({ text: 'hello' });
  });
});

describe('alert facts in words', () => {
  const t = Date.UTC(2024, 2, 5, 13, 0, 0);

  it('a snooze until a time, until the score passes the peak, or both', () => {
    expect(snoozeText(alert('a'), t)).toBeNull();
    expect(snoozeText(alert('a', { snoozedUntil: t + 3_600_000 }), t)).toBe('until 14:00:00 UTC');
    const both = alert('a', { snoozedUntil: t + 3_600_000, snoozedAbove: 82.4 });
    expect(snoozeText(both, t)).toBe('until 14:00:00 UTC or until score > 82');
    // Past its time it has ended, whatever the score (as the server's `snoozed` filter).
    expect(snoozeText(both, t + 7_200_000)).toBeNull();
    expect(isSnoozed(alert('a', { snoozedAbove: 82 }), t)).toBe(true);
    // "for 1 h or until it gets worse": the hour bounds it
    expect(isSnoozed(alert('a', { snoozedAbove: 82, snoozedUntil: t + 60_000 }), t)).toBe(true);
    expect(isSnoozed(alert('a', { snoozedAbove: 82, snoozedUntil: t - 1 }), t)).toBe(false);
    expect(isSnoozed(alert('a', { snoozedAbove: 82, state: 'resolved' }), t)).toBe(false);
  });

  it('the disposition of an alert and of a resolve audit record', () => {
    expect(dispositionLabel('false_positive')).toBe('False positive');
    expect(dispositionLabel(null)).toBeNull();
    const base = { id: '1-0', at: t, actor: 'lea', role: 'lead', action: 'alert.resolve' };
    expect(auditDisposition({ ...base, detail: '{"disposition":"benign"}' })).toBe('benign');
    expect(auditDisposition({ ...base, detail: '{"disposition":"true_positive"}' })).toBe('true_positive');
    expect(auditDisposition({ ...base, detail: 'not json' })).toBeNull();
    expect(auditDisposition({ ...base, action: 'alert.ack' })).toBeNull();
  });
});

describe('snooze until it gets worse', () => {
  it('is offered only while the score can still pass its peak', () => {
    expect(canGetWorse(alertFixture({ peakScore: 86, active: true }))).toBe(true);
    expect(canGetWorse(alertFixture({ peakScore: 99.7, active: true }))).toBe(false);
    expect(canGetWorse(alertFixture({ peakScore: 100, active: true }))).toBe(false);
    expect(canGetWorse(alertFixture({ peakScore: 70, active: false }))).toBe(false);
    expect(canGetWorse(null)).toBe(false);
  });
});
