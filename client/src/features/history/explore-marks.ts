/** @module Alert moments (raised, acknowledged, resolved) as marks on an explored chart, with the letters of the key. */
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { ExploreMark } from '../../components/explore/explore-types.js';
import { MARK_LOOK } from '../../labels/alerts.js';
import { alertMarks } from '../alerts/marks.js';

export function exploreMarks(alerts: Iterable<Alert>, start: number, end: number): ExploreMark[] {
  return alertMarks(alerts, start, end).map((m) => ({ ...m, letter: MARK_LOOK[m.kind].letter }));
}
