/**
 * `isSnoozed`, written once in shared/ for the server's `snoozed` filter and every screen: a time bounds a snooze;
 * "until it gets worse" alone lasts until the score wakes it; a resolved alert is never snoozed.
 */
import { describe, expect, it } from 'vitest';
import { filterAlerts } from '../../server/http/alert-routes.js';
import { type AlertState, isSnoozed } from '../../shared/schemas/alert.js';
import { alertFixture } from '../support/alert-fixture.js';

const t = Date.UTC(2026, 10, 29, 12, 0, 0);
const snooze = (snoozedUntil: number | null, snoozedAbove: number | null, state: AlertState = 'open') => ({
  state,
  snoozedUntil,
  snoozedAbove,
});

describe('snoozed', () => {
  it.each([
    ['until a time still ahead', snooze(t + 60_000, null), true],
    ['until a time passed', snooze(t - 1, null), false],
    ['until worse, with no time', snooze(null, 80), true],
    ['for a time or until worse, time ahead', snooze(t + 60_000, 80), true],
    ['for a time or until worse, time passed', snooze(t - 1, 80), false],
    ['not snoozed', snooze(null, null), false],
    ['resolved while snoozed', snooze(t + 60_000, 80, 'resolved'), false],
  ])('%s → %s', (_what, alert, expected) => {
    expect(isSnoozed(alert, t)).toBe(expected);
  });

  it('the server filter uses the same rule', () => {
    const open = alertFixture({ id: 'a', snoozedUntil: t + 60_000 });
    const resolved = alertFixture({ id: 'b', snoozedUntil: t + 60_000, state: 'resolved' });
    expect(filterAlerts([open, resolved], { snoozed: true }, t).map((a) => a.id)).toEqual(['a']);
    expect(filterAlerts([open, resolved], { snoozed: false }, t).map((a) => a.id)).toEqual(['b']);
  });
});
