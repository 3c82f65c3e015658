/**
 * @module The shift's trend, explored: the whole network's events per second and its highest segment score over the
 * shift from the series history, with the alerts raised, acknowledged and resolved in it marked.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { t } from '../../i18n/index.js';
import { marksText } from '../../labels/alerts.js';
import { stepLabel } from '../history/history-rows.js';
import { ScoreEventsHistory } from '../history/ScoreEventsHistory.js';

export function ShiftTrends({
  hours,
  alerts,
  threshold,
}: {
  hours: number;
  alerts: readonly Alert[];
  threshold?: number | undefined;
}) {
  return (
    <section className="hsection" aria-labelledby="h-trend" data-testid="shift-trend">
      <h2 id="h-trend" className="hsection__title">
        {t('written.trendTitle')}
      </h2>
      <ScoreEventsHistory
        segment={undefined}
        rangeMs={hours * 3_600_000}
        alerts={alerts}
        threshold={threshold}
        intro={(step) => t('written.trendIntro', { hours, step: stepLabel(step), marks: marksText(', ') })}
        scoreName={t('written.trendScore')}
        eventsName={t('written.trendEvents')}
        label={t('written.trendLabel', { hours })}
      />
    </section>
  );
}
