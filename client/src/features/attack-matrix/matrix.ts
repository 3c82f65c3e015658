/**
 * @module The ATT&CK matrix's pure rules: which techniques the alerts of a period name, per segment, grouped under
 * their tactics in the matrix's column order, each cell with its count, worst severity and the queue's deep link.
 */
import { attackOfAlert, TACTICS, type Tactic, tacticOf } from '../../../../shared/attack.js';
import type { Alert, Severity } from '../../../../shared/schemas/alert.js';

/** Periods the matrix offers, in ms. */
export const PERIODS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type Period = keyof typeof PERIODS;

export interface MatrixCell {
  count: number;
  worst: Severity;
  /** The queue filtered to this segment and technique. */
  href: string;
}

export interface MatrixColumn {
  /** The tactic, or null for techniques Watchfloor has no tactic for. */
  tactic: Tactic | null;
  techniques: string[];
}

export interface Matrix {
  segments: string[];
  columns: MatrixColumn[];
  /** By `${segment}\u0000${technique}`. */
  cells: Map<string, MatrixCell>;
  /** Alerts of the period that name at least one technique. */
  alerts: number;
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2 };

export const cellKey = (segment: string, technique: string) => `${segment}\u0000${technique}`;

/** The matrix of the alerts active in [from, to] (seen in it), of one segment or all (`segment` ''). */
export function buildMatrix(alerts: Iterable<Alert>, from: number, to: number, segment = ''): Matrix {
  const cells = new Map<string, MatrixCell>();
  const segments = new Set<string>();
  const byTactic = new Map<Tactic | null, Set<string>>();
  let count = 0;
  for (const a of alerts) {
    if (a.lastSeen < from || a.firstSeen > to || (segment && a.segment !== segment)) continue;
    const { techniques } = attackOfAlert(a);
    if (techniques.length === 0) continue;
    count++;
    segments.add(a.segment);
    for (const t of techniques) {
      const tactic = tacticOf(t) ?? null;
      const set = byTactic.get(tactic) ?? new Set<string>();
      set.add(t);
      byTactic.set(tactic, set);
      const key = cellKey(a.segment, t);
      const cell = cells.get(key);
      if (cell) {
        cell.count++;
        if (RANK[a.severity] < RANK[cell.worst]) cell.worst = a.severity;
      } else {
        const q = new URLSearchParams({ state: 'all', segment: a.segment, technique: t });
        cells.set(key, { count: 1, worst: a.severity, href: `/alerts?${q}` });
      }
    }
  }
  const columns: MatrixColumn[] = [...TACTICS, null]
    .filter((tactic) => byTactic.has(tactic))
    .map((tactic) => ({ tactic, techniques: [...byTactic.get(tactic)!].sort() }));
  return { segments: [...segments].sort(), columns, cells, alerts: count };
}
