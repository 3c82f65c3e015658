/** The server's `snoozed` filter: a time bounds a snooze; "until it gets worse" alone lasts until the score wakes it. */
import { describe, expect, it } from 'vitest';
import { isSnoozed } from '../../server/http/alert-routes.js';
import type { Alert } from '../../shared/schemas/alert.js';

const t = Date.UTC(2026, 10, 29, 12, 0, 0);
const snooze = (snoozedUntil: number | null, snoozedAbove: number | null) =>
  ({ snoozedUntil, snoozedAbove }) as unknown as Alert;

describe('snoozed', () => {
  it('ends at its time even when it also waits for the score, and lasts without a time', () => {
    expect(isSnoozed(snooze(t + 60_000, null), t)).toBe(true);
    expect(isSnoozed(snooze(t - 1, null), t)).toBe(false);
    expect(isSnoozed(snooze(null, 80), t)).toBe(true);
    expect(isSnoozed(snooze(t + 60_000, 80), t)).toBe(true);
    expect(isSnoozed(snooze(t - 1, 80), t)).toBe(false);
    expect(isSnoozed(snooze(null, null), t)).toBe(false);
  });
});
