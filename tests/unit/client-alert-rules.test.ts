/** The alert queue's rules (filters in the URL, order, groups), "changed since you looked", and the wall's choices. */
import { describe, expect, it } from 'vitest';
import {
  compareAlerts,
  DEFAULT_FILTERS,
  filtersToSearch,
  groupAlerts,
  parseFilters,
  queue,
} from '../../client/src/features/alerts/queue.js';
import {
  boardAlerts,
  burnInOffset,
  sceneKey,
  sceneList,
  takeoverAlert,
} from '../../client/src/features/wall/scenes.js';
import { loadSeen, markSeen, seenMark } from '../../client/src/lib/seen.js';
import { alert } from './client-fixtures.js';

describe('queue filters', () => {
  it('round-trip through the query string, unknown values falling back', () => {
    const f = { ...DEFAULT_FILTERS, state: 'open' as const, segment: 'energy', group: 'detector' as const };
    expect(parseFilters(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    expect(filtersToSearch(DEFAULT_FILTERS, 'A1')).toBe('?id=A1');
    expect(parseFilters('?state=bogus&group=x')).toEqual(DEFAULT_FILTERS);
  });

  it('filter by state (active = not resolved), segment, detector and owner ("-" = unowned)', () => {
    const all = [
      alert('a', { state: 'open' }),
      alert('b', { state: 'acknowledged', owner: 'lea' }),
      alert('c', { state: 'resolved' }),
      alert('d', { state: 'open', segment: 'health', detector: 'dns' }),
    ];
    const ids = (f: Partial<typeof DEFAULT_FILTERS>) =>
      queue(all, { ...DEFAULT_FILTERS, ...f }, 0).map((a) => a.id);
    expect(ids({}).sort()).toEqual(['a', 'b', 'd']);
    expect(ids({ state: 'all' })).toHaveLength(4);
    expect(ids({ state: 'resolved' })).toEqual(['c']);
    expect(ids({ segment: 'health' })).toEqual(['d']);
    expect(ids({ detector: 'dns' })).toEqual(['d']);
    expect(ids({ owner: 'lea' })).toEqual(['b']);
    expect(ids({ owner: '-' }).sort()).toEqual(['a', 'd']);
  });

  it('waiting and snoozed in the words the counts use: a snoozed alert is not waiting, and a lapsed snooze is', () => {
    const all = [
      alert('w', { state: 'open' }),
      alert('s', { state: 'open', snoozedUntil: 5_000 }),
      alert('k', { state: 'acknowledged', owner: 'lea', snoozedUntil: 5_000 }),
    ];
    const ids = (state: (typeof DEFAULT_FILTERS)['state'], now: number) =>
      queue(all, { ...DEFAULT_FILTERS, state }, now).map((a) => a.id);
    expect(ids('open', 1_000)).toEqual(['w']);
    expect(ids('snoozed', 1_000)).toEqual(['s']);
    expect(ids('acknowledged', 1_000)).toEqual(['k']);
    expect(ids('open', 6_000).sort()).toEqual(['s', 'w']);
    expect(ids('snoozed', 6_000)).toEqual([]);
    expect(parseFilters('?state=snoozed').state).toBe('snoozed');
  });

  it('sorts by severity, then the longest waiting first', () => {
    const sorted = [
      alert('m', { severity: 'medium', firstSeen: 1 }),
      alert('h2', { severity: 'high', firstSeen: 50 }),
      alert('c', { severity: 'critical', firstSeen: 99 }),
      alert('h1', { severity: 'high', firstSeen: 10 }),
    ].sort(compareAlerts);
    expect(sorted.map((a) => a.id)).toEqual(['c', 'h1', 'h2', 'm']);
  });

  it('groups with counts, the group holding the worst alert first', () => {
    const sorted = [
      alert('1', { segment: 'x', severity: 'medium' }),
      alert('2', { segment: 'y', severity: 'critical' }),
      alert('3', { segment: 'x', severity: 'high' }),
    ].sort(compareAlerts);
    const groups = groupAlerts(sorted, 'segment');
    expect(groups.map((g) => [g.key, g.alerts.length])).toEqual([
      ['y', 1],
      ['x', 2],
    ]);
    expect(groups[1]!.counts).toEqual({ critical: 0, high: 1, medium: 1 });
  });
});

describe('changed since you last looked', () => {
  it('new when never opened, changed when opened at an older version', () => {
    expect(seenMark(undefined, 1)).toBe('new');
    expect(seenMark(1, 3)).toBe('changed');
    expect(seenMark(3, 3)).toBeNull();
  });

  it('is kept per user in storage', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => data.set(k, v),
    };
    const seen = markSeen('lea', {}, 'A1', 4, storage);
    expect(seen).toEqual({ A1: 4 });
    expect(loadSeen('lea', storage)).toEqual({ A1: 4 });
    expect(loadSeen('oscar', storage)).toEqual({});
    data.set('wf:seen:lea', 'not json');
    expect(loadSeen('lea', storage)).toEqual({});
  });
});

describe('wall', () => {
  it('rotates the detail panel: network scores, each segment by name, then the alert board', () => {
    expect(sceneList(['b', 'a']).map(sceneKey)).toEqual(['network', 'segment:a', 'segment:b', 'alerts']);
    // the leads' handover notes are a scene only when they chose something for the wall
    expect(sceneList(['a'], true).map(sceneKey)).toEqual(['network', 'handover', 'segment:a', 'alerts']);
  });

  it('a critical open alert that is not snoozed takes over; the newest first', () => {
    const now = 10_000;
    expect(takeoverAlert([alert('h', { severity: 'high' })], now)).toBeNull();
    expect(takeoverAlert([alert('c', { severity: 'critical', state: 'acknowledged' })], now)).toBeNull();
    expect(takeoverAlert([alert('c', { severity: 'critical', snoozedUntil: now + 1 })], now)).toBeNull();
    const t = takeoverAlert(
      [
        alert('old', { severity: 'critical', firstSeen: 1 }),
        alert('new', { severity: 'critical', firstSeen: 5 }),
      ],
      now,
    );
    expect(t?.alert.id).toBe('new');
    expect(t?.others).toBe(1);
  });

  it('the board lists unresolved alerts, worst first, up to a limit', () => {
    const rows = boardAlerts(
      [
        alert('r', { state: 'resolved', severity: 'critical' }),
        alert('m', { severity: 'medium' }),
        alert('c', { severity: 'critical' }),
      ],
      5,
    );
    expect(rows.map((a) => a.id)).toEqual(['c', 'm']);
  });

  it('the burn-in shift stays within one margin unit on each axis and moves every step', () => {
    for (let i = -20; i < 40; i++) {
      const [x, y] = burnInOffset(i);
      expect(Math.abs(x)).toBeLessThanOrEqual(1);
      expect(Math.abs(y)).toBeLessThanOrEqual(1);
      expect(burnInOffset(i + 1)).not.toEqual([x, y]);
    }
  });
});
