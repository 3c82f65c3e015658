/** The watchlist's lower threshold through the one alert rule, and what a watch entry matches. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RAISE, thresholdsFor } from '../../server/alerts/alert-rule.js';
import { type Observation, RaiseTracker } from '../../server/alerts/raise-tracker.js';
import { type WatchEntry, watchIndex, watchMatches, watchValue } from '../../shared/schemas/watch.js';

describe('thresholds for a watched entity', () => {
  it('raise at watchRaise, clear keeping the same gap below it', () => {
    expect(thresholdsFor(DEFAULT_RAISE, false)).toBe(DEFAULT_RAISE);
    expect(thresholdsFor(DEFAULT_RAISE, true)).toMatchObject({ raise: 40, clear: 20 });
    expect(thresholdsFor({ ...DEFAULT_RAISE, watchRaise: 70 }, true).raise).toBe(60);
    expect(thresholdsFor({ ...DEFAULT_RAISE, watchRaise: 10 }, true)).toMatchObject({ raise: 10, clear: 0 });
  });

  it('the tracker raises a watched host at 45 and ends its episode below 20, an unwatched one never', () => {
    const tracker = new RaiseTracker(DEFAULT_RAISE, (o) => o.entityId === '10.0.0.1');
    const o = (ip: string, score: number, at: number): Observation => ({
      entityType: 'host',
      entityId: ip,
      segment: 's',
      score,
      at,
      reasons: [{ detector: 'volume', feature: 'bytes_out', observed: 1, expected: 0, contribution: score }],
    });
    const decisions: string[] = [];
    for (let t = 0; t <= 5000; t += 1000)
      for (const d of tracker.observe([o('10.0.0.1', 45, t), o('10.0.0.2', 45, t)], t))
        decisions.push(`${d.type} ${d.obs.entityId}`);
    expect(decisions).toEqual(['raise 10.0.0.1', 'update 10.0.0.1', 'update 10.0.0.1']);
    // 30 stays above the watched clear threshold (20): the episode goes on
    expect(tracker.observe([o('10.0.0.1', 30, 40_000)], 40_000).map((d) => d.type)).toEqual(['update']);
    const after = [
      ...tracker.observe([o('10.0.0.1', 10, 41_000)], 41_000),
      ...tracker.observe([o('10.0.0.1', 10, 72_000)], 72_000),
    ];
    expect(after.map((d) => d.type)).toEqual(['update', 'clear']);
  });
});

describe('watch entries', () => {
  const entry = (kind: WatchEntry['kind'], value: string, expiresAt = 10_000): WatchEntry => ({
    id: value,
    kind,
    value,
    reason: 'r',
    expiresAt,
    author: 'a',
    createdAt: 0,
  });
  it('canonical values', () => {
    expect(watchValue('host', '2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(watchValue('host', 'evil.example')).toBeNull();
    expect(watchValue('cidr', '10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(watchValue('cidr', '10.0.0.0/')).toBeNull();
    expect(watchValue('cidr', '10.0.0.1')).toBeNull();
    expect(watchValue('domain', 'Evil.Example.')).toBe('evil.example');
    expect(watchValue('domain', '<script>.example')).toBeNull();
  });
  it('match by address, range and name (a subdomain, never a look-alike), until they expire', () => {
    const list = [entry('host', '10.0.0.1'), entry('cidr', '2001:db8::/32'), entry('domain', 'evil.example')];
    const ids = (s: Parameters<typeof watchMatches>[1], now = 0) =>
      watchMatches(list, s, now).map((e) => e.id);
    expect(ids({ ip: '10.0.0.1' })).toEqual(['10.0.0.1']);
    expect(ids({ ip: '2001:db8::7' })).toEqual(['2001:db8::/32']);
    expect(ids({ ip: '10.0.0.2', domains: ['a.b.EVIL.example'] })).toEqual(['evil.example']);
    expect(ids({ domains: ['notevil.example', 'evil.example.com'] })).toEqual([]);
    expect(ids({ ip: '10.0.0.1' }, 10_000)).toEqual([]);
  });
});

describe('the watchlist index the alert rule asks', () => {
  it('answers as the list does', () => {
    const list: WatchEntry[] = [
      { id: '1', kind: 'host', value: '10.0.0.1', reason: 'r', expiresAt: 10, author: 'a', createdAt: 0 },
      { id: '2', kind: 'cidr', value: '10.8.0.0/13', reason: 'r', expiresAt: 10, author: 'a', createdAt: 0 },
      { id: '3', kind: 'cidr', value: '0.0.0.0/0', reason: 'r', expiresAt: 1, author: 'a', createdAt: 0 },
      {
        id: '4',
        kind: 'cidr',
        value: '2001:db8::/32',
        reason: 'r',
        expiresAt: 10,
        author: 'a',
        createdAt: 0,
      },
      {
        id: '5',
        kind: 'domain',
        value: 'evil.example',
        reason: 'r',
        expiresAt: 10,
        author: 'a',
        createdAt: 0,
      },
    ];
    const index = watchIndex(list, 5);
    const subjects = [
      { ip: '10.0.0.1' },
      { ip: '10.15.255.255' },
      { ip: '10.16.0.0' },
      { ip: '10.7.255.255' },
      { ip: '192.0.2.1' },
      { ip: '2001:db8:1::1' },
      { ip: '2001:db9::1' },
      { domains: ['A.EVIL.example.'] },
      { domains: ['notevil.example', 'evil.example.org'] },
    ];
    expect(subjects.map((s) => index.matches(s))).toEqual(
      subjects.map((s) => watchMatches(list, s, 5).length > 0),
    );
    expect(subjects.map((s) => index.matches(s))).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(index.hasDomains).toBe(true);
    expect(watchIndex(list, 20).matches({ ip: '10.0.0.1' })).toBe(false);
  });
});
