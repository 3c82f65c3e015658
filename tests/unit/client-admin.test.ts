/** Pure client logic of the admin page, the host page and the overview's baseline band and chart scale. */
import { describe, expect, it } from 'vitest';
import { niceScale } from '../../client/src/components/TimeChart.js';
import { isHttpUrl, toDraft, validateDraft } from '../../client/src/features/admin/settings-form.js';
import { mergeHostAlerts } from '../../client/src/features/host-detail/HostExtras.js';
import { baselineBand, shrink } from '../../client/src/features/segment-strip/SegmentStrip.js';
import { alert } from './client-fixtures.js';

const settings = {
  raise: 60,
  raiseHoldMs: 3000,
  clear: 40,
  clearHoldMs: 30_000,
  watchRaise: 40,
  webhooks: [] as string[],
};

describe('settings form', () => {
  it('round-trips the server settings (holds shown in seconds)', () => {
    const d = toDraft(settings);
    expect(d.raiseHoldS).toBe('3');
    expect(validateDraft(d)).toEqual({ errors: {}, value: settings });
  });

  it('names the field in error: ranges, hysteresis, URLs', () => {
    const d = toDraft(settings);
    expect(validateDraft({ ...d, raise: '0' }).errors.raise).toMatch(/1 to 100/);
    expect(validateDraft({ ...d, raise: 'x' }).errors.raise).toBeTruthy();
    expect(validateDraft({ ...d, clear: '60' }).errors.clear).toMatch(/below the raise/);
    expect(validateDraft({ ...d, clearHoldS: '-1' }).errors.clearHoldS).toBeTruthy();
    expect(validateDraft({ ...d, watchRaise: '0' }).errors.watchRaise).toMatch(/1 to 100/);
    expect(validateDraft({ ...d, webhooks: ['javascript:alert(1)'] }).errors.webhooks).toMatch(/http/);
    // as the server refuses it: fetch never sends a URL with user info
    expect(validateDraft({ ...d, webhooks: ['https://u:p@chat.example.org/hook'] }).errors.webhooks).toMatch(
      /user name or password/,
    );
    expect(validateDraft({ ...d, clear: '60' }).value).toBeNull();
    expect(isHttpUrl('https://chat.example.org/hook')).toBe(true);
    expect(isHttpUrl('ftp://x')).toBe(false);
  });
});

describe('host alerts', () => {
  it('keeps the newer version of each alert, adds live ones the fetch missed, resolved last', () => {
    const host = { type: 'host' as const, id: '10.0.0.1' };
    const fetched = [
      alert('a', { entity: host, version: 1, state: 'open', lastSeen: 5 }),
      alert('r', { entity: host, version: 3, state: 'resolved', lastSeen: 9 }),
    ];
    const live = new Map([
      ['a', alert('a', { entity: host, version: 2, state: 'acknowledged', lastSeen: 5 })],
      ['b', alert('b', { entity: host, version: 1, state: 'open', lastSeen: 7 })],
      ['c', alert('c', { entity: { type: 'host', id: '10.0.0.2' }, version: 1 })],
    ]);
    const out = mergeHostAlerts('10.0.0.1', fetched, live);
    expect(out.map((a) => [a.id, a.state])).toEqual([
      ['b', 'open'],
      ['a', 'acknowledged'],
      ['r', 'resolved'],
    ]);
  });
});

describe('baseline band and scales', () => {
  it("band is mean ± 3σ (the rate detector's own), never below zero", () => {
    expect(baselineBand({ mean: 10, std: 2 })).toEqual([4, 16]);
    expect(baselineBand({ mean: 1, std: 2 })).toEqual([0, 7]);
  });

  it('shrink averages columns and keeps gaps', () => {
    const gap = Number.NaN;
    expect([...shrink(Float64Array.of(1, 3, gap, gap, 5, 7), 3)]).toEqual([2, gap, 6]);
    expect([...shrink(Float64Array.of(1, gap, 2), 10)]).toEqual([1, gap, 2]);
  });

  it('niceScale gives round ticks from 0 covering the data', () => {
    expect(niceScale(47)).toEqual({ max: 60, ticks: [0, 20, 40, 60] });
    expect(niceScale(9).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceScale(0).max).toBe(1);
    const s = niceScale(1234);
    expect(s.max).toBeGreaterThanOrEqual(1234);
    expect(s.ticks[0]).toBe(0);
  });
});
