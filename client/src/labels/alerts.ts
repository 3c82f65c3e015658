/** @module How the screens name the alert counts and an alert's standing (words from the catalogues). */

import type { AlertStanding } from '../features/alerts/counts.js';
import type { MarkKind } from '../features/alerts/marks.js';
import { words } from '../i18n/words.js';

export const COUNT_LABEL = words({
  unresolved: 'count.unresolved',
  waiting: 'count.waiting',
  snoozed: 'count.snoozed',
  acknowledged: 'count.acknowledged',
  escalated: 'count.escalated',
  critical: 'count.critical',
  high: 'count.high',
});

export const STANDING_LABEL: Readonly<Record<AlertStanding, string>> = words({
  waiting: 'standing.waiting',
  snoozed: 'standing.snoozed',
  acknowledged: 'standing.acknowledged',
  resolved: 'standing.resolved',
});

/** Chart marks of alert moments: the letter on the chart and the word in its key. */
export const MARK_LOOK: Readonly<Record<MarkKind, { letter: string; word: string }>> = {
  raised: words({ letter: 'mark.raised.letter', word: 'mark.raised.word' }),
  acknowledged: words({ letter: 'mark.acknowledged.letter', word: 'mark.acknowledged.word' }),
  resolved: words({ letter: 'mark.resolved.letter', word: 'mark.resolved.word' }),
};

/** The marks' key in words ("R raised · A acknowledged · X resolved"; lt "I įspėjimas iškeltas · P perimtas · …"). */
export const marksText = (separator = ' · '): string =>
  Object.values(MARK_LOOK)
    .map((m) => `${m.letter} ${m.word}`)
    .join(separator);
