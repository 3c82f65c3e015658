/** @module Alert moments as chart marks: when each alert was raised, acknowledged and resolved. */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { t } from '../../i18n/index.js';
import { detectorName } from '../../labels/detectors.js';

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
  const add = (at: number | null, kind: MarkKind, a: Alert) => {
    if (at !== null && at >= start && at <= end) {
      out.push({
        t: at,
        kind,
        title: t('mark.title', {
          kind: t(`mark.${kind}.word`),
          severity: t(`severity.${a.severity}`),
          detector: detectorName(a.detector),
          entity: a.entity.id,
          segment: a.segment,
        }),
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
