/** @module The alert queue's pure rules: filters from the URL, ordering, grouping. */
import { attackOfAlert, isTactic, TECHNIQUE_ID, techniqueMatches } from '../../../../shared/attack.js';
import type { Alert, Severity } from '../../../../shared/schemas/alert.js';
import { alertStanding, standingPerson } from './counts.js';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2 };

export interface QueueFilters {
  /** `open`: waiting (open and not snoozed), as the counts say; `snoozed`: open and snoozed. */
  state: 'open' | 'snoozed' | 'acknowledged' | 'resolved' | 'active' | 'all';
  segment: string;
  detector: string;
  owner: string;
  /** An ATT&CK technique its reasons name (a parent finds its sub-techniques), or ''. */
  technique: string;
  /** An ATT&CK tactic of its reasons' techniques, or ''. */
  tactic: string;
  group: 'none' | 'segment' | 'detector';
}

export const DEFAULT_FILTERS: QueueFilters = {
  state: 'active',
  segment: '',
  detector: '',
  owner: '',
  technique: '',
  tactic: '',
  group: 'none',
};

const STATES = new Set(['open', 'snoozed', 'acknowledged', 'resolved', 'active', 'all']);
const GROUPS = new Set(['none', 'segment', 'detector']);

/** Filters from a query string (`?state=open&segment=energy&group=segment`); unknown values fall back. */
export function parseFilters(search: string): QueueFilters {
  const q = new URLSearchParams(search);
  const state = q.get('state') ?? '';
  const group = q.get('group') ?? '';
  return {
    state: (STATES.has(state) ? state : DEFAULT_FILTERS.state) as QueueFilters['state'],
    segment: q.get('segment') ?? '',
    detector: q.get('detector') ?? '',
    owner: q.get('owner') ?? '',
    technique: TECHNIQUE_ID.test(q.get('technique') ?? '') ? q.get('technique')! : '',
    tactic: isTactic(q.get('tactic')) ? q.get('tactic')! : '',
    group: (GROUPS.has(group) ? group : 'none') as QueueFilters['group'],
  };
}

/** The query string for filters (defaults left out), plus an optional selected alert. */
export function filtersToSearch(f: QueueFilters, selected?: string | null): string {
  const q = new URLSearchParams();
  if (f.state !== DEFAULT_FILTERS.state) q.set('state', f.state);
  if (f.segment) q.set('segment', f.segment);
  if (f.detector) q.set('detector', f.detector);
  if (f.owner) q.set('owner', f.owner);
  if (f.technique) q.set('technique', f.technique);
  if (f.tactic) q.set('tactic', f.tactic);
  if (f.group !== 'none') q.set('group', f.group);
  if (selected) q.set('id', selected);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function matches(a: Alert, f: QueueFilters, now: number): boolean {
  if (f.state === 'active') {
    if (a.state === 'resolved') return false;
  } else if (f.state === 'open' || f.state === 'snoozed') {
    // the words the counts use: a snoozed alert is not waiting
    if (alertStanding(a, now) !== (f.state === 'open' ? 'waiting' : 'snoozed')) return false;
  } else if (f.state !== 'all' && a.state !== f.state) return false;
  if (f.segment && a.segment !== f.segment) return false;
  if (f.detector && a.detector !== f.detector) return false;
  // the person its state names: who holds the claim, or who resolved it
  const person = standingPerson(a);
  if (f.owner === '-') {
    if (person) return false;
  } else if (f.owner && person !== f.owner) return false;
  if (f.technique || f.tactic) {
    const { techniques, tactics } = attackOfAlert(a);
    if (f.technique && !techniques.some((t) => techniqueMatches(f.technique, t))) return false;
    if (f.tactic && !tactics.includes(f.tactic as (typeof tactics)[number])) return false;
  }
  return true;
}

/** Severity first (critical on top), then the oldest first (longest waiting), then id for stability. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.firstSeen - b.firstSeen ||
    a.id.localeCompare(b.id)
  );
}

export interface AlertGroup {
  key: string;
  label: string;
  alerts: Alert[];
  counts: Record<Severity, number>;
}

/** Groups sorted alerts by segment or detector; groups ordered by their worst alert, then by size. */
export function groupAlerts(sorted: readonly Alert[], by: 'segment' | 'detector'): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of sorted) {
    const key = by === 'segment' ? a.segment : a.detector;
    let g = groups.get(key);
    if (!g) {
      g = { key, label: key, alerts: [], counts: { critical: 0, high: 0, medium: 0 } };
      groups.set(key, g);
    }
    g.alerts.push(a);
    g.counts[a.severity]++;
  }
  return [...groups.values()].sort(
    (x, y) => compareAlerts(x.alerts[0]!, y.alerts[0]!) || y.alerts.length - x.alerts.length,
  );
}

/** Alerts in display order, filtered. */
export function queue(all: Iterable<Alert>, f: QueueFilters, now: number): Alert[] {
  return [...all].filter((a) => matches(a, f, now)).sort(compareAlerts);
}
