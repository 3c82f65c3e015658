/**
 * Which hosts on a screen are watched: the index says how (address, range, domain), the marks cover top hosts and
 * unresolved alerts' hosts once each, a segment-limited screen keeps only its own, and the live store holds them.
 */
import { describe, expect, it } from 'vitest';
import { LiveStore } from '../../client/src/state/live-store.js';
import { filterFrame, filterSnapshot } from '../../server/realtime/frame-filter.js';
import { alertHostsOf, WatchMarks, watchedHosts } from '../../server/watch/watch-marks.js';
import type { HostScore } from '../../shared/schemas/score.js';
import { type WatchEntry, watchIndex } from '../../shared/schemas/watch.js';
import { alert, frame, snapshot } from './client-fixtures.js';

const entry = (kind: WatchEntry['kind'], value: string): WatchEntry => ({
  id: `W${value}`,
  kind,
  value,
  reason: 'secret reason',
  expiresAt: 10_000,
  author: 'lena',
  createdAt: 0,
});

const host = (ip: string, segment: string, watched?: HostScore['watched']): HostScore => ({
  ip,
  segment,
  score: 50,
  reasons: [],
  spark: [],
  lastSeen: 0,
  ...(watched ? { watched } : {}),
});

describe('the kind of watch a host is under', () => {
  const index = watchIndex(
    [entry('host', '10.0.0.1'), entry('cidr', '10.1.0.0/16'), entry('domain', 'evil.example')],
    5,
  );
  it('an address before a range before a domain; none when nothing matches', () => {
    expect(index.kindOf({ ip: '10.0.0.1', domains: ['a.evil.example'] })).toBe('host');
    expect(index.kindOf({ ip: '10.1.2.3' })).toBe('cidr');
    expect(index.kindOf({ ip: '10.9.9.9', domains: ['x.a.evil.example.'] })).toBe('domain');
    expect(index.kindOf({ ip: '10.9.9.9', domains: ['notevil.example'] })).toBeNull();
    expect(index.matches({ ip: '10.1.2.3' })).toBe(true);
  });
});

describe('watched hosts of a screen', () => {
  it('top hosts by their own word, alerts’ hosts asked, each once, resolved alerts left out', () => {
    const asked: string[] = [];
    const watchOf = (ip: string) => {
      asked.push(ip);
      return ip === '10.2.0.2' ? ('domain' as const) : ip === '10.0.0.1' ? ('host' as const) : null;
    };
    const alerts = [
      alert('A1', { entity: { type: 'host', id: '10.0.0.1' }, segment: 'alpha' }),
      alert('A2', { entity: { type: 'host', id: '10.2.0.2' }, segment: 'bravo' }),
      alert('A3', { entity: { type: 'host', id: '10.3.0.3' }, segment: 'bravo', state: 'resolved' }),
      alert('A4', { entity: { type: 'segment', id: 'bravo' }, segment: 'bravo' }),
    ];
    const out = watchedHosts(
      [host('10.0.0.1', 'alpha', 'cidr'), host('10.4.0.4', 'alpha')],
      alertHostsOf(alerts),
      watchOf,
    );
    expect(out).toEqual([
      { ip: '10.0.0.1', segment: 'alpha', kind: 'cidr' },
      { ip: '10.2.0.2', segment: 'bravo', kind: 'domain' },
    ]);
    expect(asked).toEqual(['10.2.0.2']);
  });

  it('a snapshot’s marks come from its own alerts; a frame’s from the alerts this process changed', () => {
    const marks = new WatchMarks({
      unresolved: () => new Promise(() => {}),
      watchOf: (ip) => (ip.startsWith('10.0.') ? 'host' : null),
    });
    const a = alert('A1', { entity: { type: 'host', id: '10.0.0.1' }, segment: 'alpha' });
    expect(marks.snapshot(snapshot({ alerts: [a] })).watched).toEqual([
      { ip: '10.0.0.1', segment: 'alpha', kind: 'host' },
    ]);
    expect(marks.frame(frame(1)).watched).toBeUndefined();
    marks.alertChanged(a);
    expect(marks.frame(frame(2)).watched).toHaveLength(1);
    marks.alertChanged({ ...a, state: 'resolved' });
    expect(marks.frame(frame(3)).watched).toBeUndefined();
  });

  it('a screen limited to some segments keeps its own marks only', () => {
    const watched = [
      { ip: '10.0.0.1', segment: 'alpha', kind: 'host' as const },
      { ip: '10.2.0.2', segment: 'bravo', kind: 'cidr' as const },
    ];
    expect(filterFrame(frame(1, { watched }), ['alpha']).watched).toEqual([watched[0]]);
    expect(filterFrame(frame(1, { watched }), ['charlie']).watched).toBeUndefined();
    expect(filterSnapshot(snapshot({ watched }), ['bravo']).watched).toEqual([watched[1]]);
    expect(filterSnapshot(snapshot({ watched }), []).watched).toEqual(watched);
  });

  it('the live store holds the server’s marks from each snapshot and frame', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot({ watched: [{ ip: '10.0.0.1', segment: 'a', kind: 'host' }] }), 0);
    expect(store.getState().watched.get('10.0.0.1')).toBe('host');
    store.applyFrame(frame(6, { watched: [{ ip: '10.2.0.2', segment: 'a', kind: 'domain' }] }), 1);
    expect([...store.getState().watched]).toEqual([['10.2.0.2', 'domain']]);
    store.applyFrame(frame(7), 2);
    expect(store.getState().watched.size).toBe(0);
  });
});
