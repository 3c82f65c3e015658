/** ATT&CK on the client: the queue's technique and tactic filters (in the URL), and the matrix of a period per segment. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filtersToSearch,
  parseFilters,
  queue,
} from '../../client/src/features/alerts/queue.js';
import { buildMatrix, cellKey } from '../../client/src/features/attack-matrix/matrix.js';
import { attackOf } from '../../server/scoring/attack-map.js';
import { attackOfAlert, attackOfReasons, TACTICS, tacticName, techniqueLabel } from '../../shared/attack.js';
import type { Reason } from '../../shared/schemas/score.js';
import { alert } from './client-fixtures.js';

const reason = (detector: string, attack: string[], labels?: string[]): Reason => ({
  detector,
  feature: 'f',
  observed: 1,
  expected: 0,
  contribution: 70,
  attack,
  ...(labels
    ? { intel: { indicator: 'x', field: 'dst_ip', feed: 'f', id: 'i', confidence: 90, labels } }
    : {}),
});
const T = 1_800_000_000_000;
const alerts = [
  alert('a', {
    segment: 'energy',
    severity: 'high',
    reasons: [reason('beacon', ['T1071', 'T1573'])],
    firstSeen: T,
    lastSeen: T,
  }),
  alert('b', {
    segment: 'energy',
    severity: 'critical',
    reasons: [reason('dns', ['T1071.004', 'T1048'])],
    firstSeen: T,
    lastSeen: T,
  }),
  alert('c', { segment: 'health', reasons: [reason('scan', ['T1046'])], firstSeen: T, lastSeen: T }),
  alert('d', {
    segment: 'health',
    reasons: [reason('intel', [], ['tactic:exfiltration'])],
    firstSeen: T,
    lastSeen: T,
  }),
  alert('old', {
    segment: 'health',
    reasons: [reason('scan', ['T1046'])],
    firstSeen: T - 90_000_000,
    lastSeen: T - 90_000_000,
  }),
];

describe('ATT&CK in the alert queue', () => {
  it('reads techniques and tactics of an alert, from technique ids and STIX kill-chain labels', () => {
    expect(attackOfReasons(alerts[1]!)).toEqual({
      techniques: ['T1071.004', 'T1048'],
      tactics: ['command-and-control', 'exfiltration'],
    });
    expect(attackOfReasons(alerts[3]!)).toEqual({ techniques: [], tactics: ['exfiltration'] });
  });

  it("keeps an alert under what it was raised for when its host's reasons now are something else", () => {
    const exfil = alert('x', {
      segment: 'health',
      reasons: [reason('beacon', ['T1071'])],
      raiseReasons: [reason('volume', ['T1041', 'T1048'])],
      peakReasons: [reason('volume', ['T1041', 'T1048'])],
      firstSeen: T,
      lastSeen: T,
    });
    expect(attackOfAlert(exfil)).toEqual({
      techniques: ['T1041', 'T1048', 'T1071'],
      tactics: ['exfiltration', 'command-and-control'],
    });
    expect(queue([exfil], parseFilters('?state=all&tactic=exfiltration'), T).map((a) => a.id)).toEqual(['x']);
  });

  it('filters by technique (a parent finds its sub-techniques) and by tactic; both live in the URL', () => {
    const f = parseFilters('?state=all&technique=T1071&tactic=command-and-control');
    expect(f).toMatchObject({ technique: 'T1071', tactic: 'command-and-control' });
    expect(
      queue(alerts, f, T)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(
      queue(alerts, { ...DEFAULT_FILTERS, state: 'all', tactic: 'exfiltration' }, T)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['b', 'd']);
    expect(filtersToSearch(f)).toBe('?state=all&technique=T1071&tactic=command-and-control');
    expect(parseFilters('?technique=T10&tactic=nonsense')).toMatchObject({ technique: '', tactic: '' });
  });
});

describe('ATT&CK matrix', () => {
  it('columns by tactic in matrix order, rows by segment, a cell per segment and technique with count, worst and link', () => {
    const m = buildMatrix(alerts, T - 3_600_000, T + 1);
    expect(m.alerts).toBe(3);
    expect(m.segments).toEqual(['energy', 'health']);
    expect(m.columns).toEqual([
      { tactic: 'discovery', techniques: ['T1046'] },
      { tactic: 'command-and-control', techniques: ['T1071', 'T1071.004', 'T1573'] },
      { tactic: 'exfiltration', techniques: ['T1048'] },
    ]);
    expect(m.cells.get(cellKey('energy', 'T1071.004'))).toEqual({
      count: 1,
      worst: 'critical',
      href: '/alerts?state=all&segment=energy&technique=T1071.004',
    });
    expect(m.cells.get(cellKey('health', 'T1071'))).toBeUndefined();
  });

  it('keeps to the period and the chosen segment', () => {
    expect(
      buildMatrix(alerts, T - 100_000_000, T + 1, 'health').cells.get(cellKey('health', 'T1046'))?.count,
    ).toBe(2);
    expect(buildMatrix(alerts, T - 3_600_000, T + 1, 'health').segments).toEqual(['health']);
    expect(buildMatrix([], 0, T).alerts).toBe(0);
  });
});

describe('ATT&CK techniques on screens', () => {
  it('come with their names wherever their ids are shown: every technique a detector names has one', () => {
    expect(techniqueLabel('T1046')).toBe('T1046 Network Service Discovery');
    expect(techniqueLabel('T1071.004')).toBe('T1071.004 Application Layer Protocol: DNS');
    expect(techniqueLabel('T1071.001')).toBe('T1071.001 Application Layer Protocol: Web Protocols');
    expect(techniqueLabel('T1110.003')).toBe('T1110.003 Brute Force (003)');
    expect(techniqueLabel('T9999')).toBe('T9999');
    const named = [
      ['scan', 'distinct_ports_10s'],
      ['beacon', 'beacon_score'],
      ['dns', 'nxdomain_per_min'],
      ['dns', 'encoded_queries_per_min'],
      ['auth', 'failures_per_min'],
      ['volume', 'bytes_out_per_s'],
      ['silence', 'silent_for_s'],
    ].flatMap(([d, f]) => [...(attackOf(d!, f!) ?? [])]);
    for (const id of named) expect(techniqueLabel(id), id).not.toBe(id);
  });

  it('name tactics as MITRE does, every one of them; a value that is not a tactic stays as it is', () => {
    expect(tacticName('command-and-control')).toBe('Command and Control');
    expect(tacticName('privilege-escalation')).toBe('Privilege Escalation');
    for (const tactic of TACTICS) expect(tacticName(tactic)).toMatch(/^[A-Z][a-z]+( (and )?[A-Z][a-z]+)*$/);
    expect(tacticName('not-a-tactic')).toBe('not-a-tactic');
  });
});
