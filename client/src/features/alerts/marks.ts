/** @module Alert moments as chart marks: when each alert was raised, acknowledged and resolved. */
import type { Alert } from '../../../../shared/schemas/alert.js';

export type MarkKind = 'raised' | 'acknowledged' | 'resolved';

export interface ChartMark {
  t: number;
  kind: MarkKind;
  /** Plain text for the mark's hover title: what happened to which alert. */
  title: string;
}

/** The raise, acknowledgement and resolve times of `alerts` inside [start, end], oldest first. */
export function alertMarks(alerts: Iterable<Alert>, start: number, end: number): ChartMark[] {
  const out: ChartMark[] = [];
  const add = (t: number | null, kind: MarkKind, a: Alert) => {
    if (t !== null && t >= start && t <= end) {
      out.push({
        t,
        kind,
        title: `${kind}: ${a.severity} ${a.detector} alert on ${a.entity.id} (${a.segment})`,
      });
    }
  };
  for (const a of alerts) {
    add(a.firstSeen, 'raised', a);
    add(a.ackedAt, 'acknowledged', a);
    add(a.resolvedAt, 'resolved', a);
  }
  return out.sort((x, y) => x.t - y.t);
}
