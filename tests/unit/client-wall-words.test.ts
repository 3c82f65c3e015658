/** What the wall and every score badge say: bands ("normal" only when nothing was found), alert counts that add up, strip columns. */
import { describe, expect, it } from 'vitest';
import { alertCounts, alertStanding, standingPerson } from '../../client/src/features/alerts/counts.js';
import { alertMarks } from '../../client/src/features/alerts/marks.js';
import { DEFAULT_FILTERS, queue } from '../../client/src/features/alerts/queue.js';
import { resolvedBehind } from '../../client/src/features/alerts/resolved-behind.js';
import { stripColumns, stripLayout } from '../../client/src/features/wall/scenes.js';
import { bandOf, ELEVATED_MIN, WEAK_MIN } from '../../client/src/lib/bands.js';
import { scoreStyle } from '../../client/src/lib/palette.js';
import { type Alert, RESOLVED_EXPLAINS_MS, SEVERITY_BANDS, severityOf } from '../../shared/schemas/alert.js';
import { SCORED_MIN } from '../../shared/schemas/score.js';
import { alert } from './client-fixtures.js';

describe('bands', () => {
  it('are the alert severities at and above their thresholds', () => {
    expect(bandOf(95, [], SEVERITY_BANDS)).toBe('critical');
    expect(bandOf(80, [], SEVERITY_BANDS)).toBe('high');
    expect(bandOf(60, [], SEVERITY_BANDS)).toBe('medium');
  });

  it('judge the score as it is shown, whole points, and reasons as their "+n": the word always agrees with the figure', () => {
    // "90 HIGH" on the wall (89.6), "20 normal" beside a "+20" reason (19.9), "30" not elevated (29.8)
    expect(bandOf(89.6, [], SEVERITY_BANDS)).toBe('critical');
    expect(severityOf(89.6)).toBe('critical');
    expect(severityOf(89.4)).toBe('high');
    expect(bandOf(19.9, [{ contribution: 19.9 }], SEVERITY_BANDS)).toBe('weak');
    expect(bandOf(29.8, [], SEVERITY_BANDS)).toBe('elevated');
    expect(bandOf(59.5, [{ contribution: 59.5 }], SEVERITY_BANDS)).toBe('medium');
    expect(bandOf(59.4, [{ contribution: 59.4 }], SEVERITY_BANDS)).toBe('elevated');
  });

  it('say "elevated" below them when a reason of substance stands behind the score, however decayed', () => {
    // a Dridex JA3 match (+36) on a host at 44, a +98 scan reason on a host whose held score decayed to 36 or 5
    expect(bandOf(44, [{ contribution: 36 }], SEVERITY_BANDS)).toBe('elevated');
    expect(bandOf(36, [{ contribution: 98 }], SEVERITY_BANDS)).toBe('elevated');
    expect(bandOf(5, [{ contribution: 98 }], SEVERITY_BANDS)).toBe('elevated');
    expect(bandOf(31, [{ contribution: 30 }], SEVERITY_BANDS)).toBe('elevated'); // an IDS alert of severity 2
    expect(bandOf(ELEVATED_MIN, [], SEVERITY_BANDS)).toBe('elevated');
    expect(scoreStyle(44, SEVERITY_BANDS, [{ contribution: 36 }]).label).toBe('elevated');
  });

  it('say "normal" only when nothing of substance was found, or the score has faded', () => {
    expect(bandOf(0, [], SEVERITY_BANDS)).toBe('normal');
    // a host whose critical alert was minutes ago: its held score has faded to 0, its last reasons remain
    expect(bandOf(0, [{ contribution: 100 }, { contribution: 95 }], SEVERITY_BANDS)).toBe('normal');
    expect(bandOf(SCORED_MIN - 0.1, [{ contribution: 98 }], SEVERITY_BANDS)).toBe('normal');
    expect(bandOf(SCORED_MIN, [{ contribution: 98 }], SEVERITY_BANDS)).toBe('elevated');
    expect(bandOf(12, [{ contribution: 12 }], SEVERITY_BANDS)).toBe('normal');
    expect(scoreStyle(3, SEVERITY_BANDS).severity).toBeNull();
  });

  it('say "weak sign", uncoloured, for weak evidence alone: not "elevated", not "normal"', () => {
    // a benign host polling a cloud service on a timer: the beacon's "beacon-like, few beats yet" (20 points), alone
    // or beside a little noise (its segment at 13–28 after four minutes of the simulator)
    expect(bandOf(20, [{ contribution: 20 }], SEVERITY_BANDS)).toBe('weak');
    expect(bandOf(13, [{ contribution: 20 }], SEVERITY_BANDS)).toBe('weak');
    expect(bandOf(28, [{ contribution: 20 }, { contribution: 10 }], SEVERITY_BANDS)).toBe('weak');
    expect(bandOf(WEAK_MIN, [], SEVERITY_BANDS)).toBe('weak');
    // the simulator's benign host: beacon-like 20 and two IDS policy alerts, held at 30.6
    const policy = [{ contribution: 20 }, { contribution: 6.61 }, { contribution: 3.28 }];
    expect(bandOf(30.6, policy, SEVERITY_BANDS)).toBe('weak');
    // noise alone that adds up to 20 or more is not "normal" either
    expect(bandOf(24, [{ contribution: 12 }, { contribution: 12 }], SEVERITY_BANDS)).toBe('weak');
    // two weak signs together are a finding
    expect(bandOf(36, [{ contribution: 20 }, { contribution: 20 }], SEVERITY_BANDS)).toBe('elevated');
    const weak = scoreStyle(20, SEVERITY_BANDS, [{ contribution: 20 }]);
    const normal = scoreStyle(0, SEVERITY_BANDS);
    expect([weak.label, weak.severity, weak.background]).toEqual(['weak sign', null, normal.background]);
  });
});

describe('alert counts', () => {
  const now = 1_000_000;
  const alerts = [
    alert('a', { state: 'open', severity: 'critical' }),
    alert('b', { state: 'acknowledged', severity: 'critical', owner: 'lead', escalated: true }),
    alert('c', { state: 'open', severity: 'high', snoozedUntil: now + 60_000 }),
    alert('d', { state: 'open', severity: 'medium', snoozedUntil: now - 1 }),
    alert('e', { state: 'resolved', severity: 'critical' }),
  ];

  it('put every unresolved alert in exactly one of waiting, snoozed, acknowledged', () => {
    const c = alertCounts(alerts, now);
    expect(c).toEqual({
      unresolved: 4,
      waiting: 2,
      snoozed: 1,
      acknowledged: 1,
      escalated: 1,
      bySeverity: { critical: 2, high: 1, medium: 1 },
    });
    expect(c.waiting + c.snoozed + c.acknowledged).toBe(c.unresolved);
    expect(Object.values(c.bySeverity).reduce((a, b) => a + b, 0)).toBe(c.unresolved);
    expect(alerts.map((a) => alertStanding(a, now))).toEqual([
      'waiting',
      'acknowledged',
      'snoozed',
      'waiting',
      'resolved',
    ]);
  });

  it('narrow to a segment', () => {
    const mixed = [alert('x', { segment: 'energy' }), alert('y', { segment: 'health' })];
    expect(alertCounts(mixed, now, (a) => a.segment === 'energy').unresolved).toBe(1);
  });
});

describe('the person a standing names', () => {
  it('is who resolved a resolved alert, who holds an acknowledged one, nobody for a waiting one', () => {
    // lea had claimed it, leo resolved it: the queue said "resolved lea"
    expect(standingPerson(alert('a', { state: 'resolved', owner: 'lea', resolvedBy: 'leo' }))).toBe('leo');
    expect(standingPerson(alert('b', { state: 'acknowledged', owner: 'lea' }))).toBe('lea');
    expect(standingPerson(alert('c', { state: 'open', owner: 'lea' }))).toBeNull();
  });

  it("is whom the queue's owner filter means", () => {
    const all = [
      alert('a', { state: 'resolved', owner: 'lea', resolvedBy: 'leo' }),
      alert('b', { state: 'acknowledged', owner: 'lea' }),
      alert('c', { state: 'open' }),
    ];
    const ids = (owner: string) =>
      queue(all, { ...DEFAULT_FILTERS, state: 'all', owner }, 1_000_000).map((a) => a.id);
    expect(ids('lea')).toEqual(['b']);
    expect(ids('leo')).toEqual(['a']);
    expect(ids('-')).toEqual(['c']);
  });
});

describe('network strip', () => {
  it('takes rows of at most four up to eight segments, rows of five up to twenty, then two rows (three past 24)', () => {
    expect([1, 3, 4, 5, 8].map(stripColumns)).toEqual([1, 3, 4, 4, 4]);
    expect([9, 11, 20, 21, 24, 25, 30].map(stripColumns)).toEqual([5, 5, 5, 11, 12, 9, 10]);
    expect([8, 9, 20, 21].map(stripLayout)).toEqual(['wide', 'rows', 'rows', 'dense']);
  });
});

describe('alert marks on charts', () => {
  it('mark raised, acknowledged and resolved inside the window, oldest first', () => {
    const a = alert('m', { firstSeen: 1000, ackedAt: 5000, resolvedAt: 9000, state: 'resolved' });
    const b = alert('n', { firstSeen: 3000 });
    expect(alertMarks([a, b], 0, 10_000).map((m) => `${m.kind}@${m.t}`)).toEqual([
      'raised@1000',
      'raised@3000',
      'acknowledged@5000',
      'resolved@9000',
    ]);
    expect(alertMarks([a, b], 2000, 6000).map((m) => m.kind)).toEqual(['raised', 'acknowledged']);
  });
});

describe('a score in an alert band with no unresolved alert', () => {
  const now = 10_000_000;
  const scan = (id: string, extra: Partial<Alert>) =>
    alert(id, {
      entity: { type: 'host', id: '10.3.0.9' },
      segment: 'energy',
      severity: 'critical',
      ...extra,
    });
  const resolvedByLead = scan('A7', { state: 'resolved', resolvedAt: now - 120_000, resolvedBy: 'lead' });

  it('is explained by its alert resolved lately (a scan host stays critical while its hour of refused ports is held)', () => {
    for (const scope of [{ host: '10.3.0.9' }, { segment: 'energy' }])
      expect(resolvedBehind('critical', scope, [resolvedByLead], now)?.id).toBe('A7');
    // the newest of two
    const later = scan('A9', { state: 'resolved', resolvedAt: now - 60_000, resolvedBy: 'lead2' });
    expect(resolvedBehind('high', { host: '10.3.0.9' }, [resolvedByLead, later], now)?.id).toBe('A9');
  });

  it("of a segment, names the alert of the host its score comes from before the segment's newest other one", () => {
    const dnsElsewhere = alert('A5', {
      entity: { type: 'host', id: '10.3.0.28' },
      segment: 'energy',
      severity: 'critical',
      state: 'resolved',
      resolvedAt: now - 10_000,
      resolvedBy: 'lea',
    });
    expect(
      resolvedBehind('critical', { segment: 'energy', top: '10.3.0.9' }, [resolvedByLead, dnsElsewhere], now)
        ?.id,
    ).toBe('A7');
    // with none of its own resolved lately, the segment's newest still says a lead resolved something there
    expect(
      resolvedBehind('critical', { segment: 'energy', top: '10.3.0.77' }, [resolvedByLead, dnsElsewhere], now)
        ?.id,
    ).toBe('A5');
  });

  it('is not when an unresolved alert of that severity or above stands behind it, below the bands, or long after', () => {
    const open = scan('A8', { state: 'open', severity: 'critical' });
    expect(resolvedBehind('critical', { segment: 'energy' }, [resolvedByLead, open], now)).toBeNull();
    // an open medium alert does not explain a critical score
    const medium = scan('A8', { state: 'open', severity: 'medium' });
    expect(resolvedBehind('critical', { host: '10.3.0.9' }, [resolvedByLead, medium], now)?.id).toBe('A7');
    expect(resolvedBehind('elevated', { host: '10.3.0.9' }, [resolvedByLead], now)).toBeNull();
    expect(resolvedBehind('critical', { host: '10.3.0.10' }, [resolvedByLead], now)).toBeNull();
    expect(
      resolvedBehind('critical', { host: '10.3.0.9' }, [resolvedByLead], now + RESOLVED_EXPLAINS_MS),
    ).toBeNull();
  });
});
