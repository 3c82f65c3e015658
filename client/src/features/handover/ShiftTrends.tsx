/**
 * @module The shift's trend, explored: the whole network's events per second and its highest segment score over the
 * shift from the series history, with the alerts raised, acknowledged and resolved in it marked.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { exploreMarks } from '../history/explore-marks.js';
import { useSeriesHistory } from '../history/useSeriesHistory.js';

const TEXT = {
  get title() {
    return t('written.trendTitle');
  },
  intro: (hours: number, step: number) => t('written.trendIntro', { hours, step }),
  get score() {
    return t('written.trendScore');
  },
  get events() {
    return t('written.trendEvents');
  },
  label: (hours: number) => t('written.trendLabel', { hours }),
  get loading() {
    return t('explore.historyLoading');
  },
  get error() {
    return t('explore.historyError');
  },
  threshold: (value: number) => t('explore.threshold', { value }),
};

export function ShiftTrends({
  hours,
  alerts,
  threshold,
}: {
  hours: number;
  alerts: readonly Alert[];
  threshold?: number | undefined;
}) {
  const range = hours * 3_600_000;
  const history = useSeriesHistory(undefined, range);
  const now = Date.now();
  return (
    <section className="hsection" aria-labelledby="h-trend" data-testid="shift-trend">
      <h2 id="h-trend" className="hsection__title">
        {TEXT.title}
      </h2>
      <p className="muted">{TEXT.intro(hours, history.stepS)}</p>
      {history.state === 'loading' ? <p className="empty">{TEXT.loading}</p> : null}
      {history.state === 'error' ? <p className="empty">{TEXT.error}</p> : null}
      {history.state === 'ready' ? (
        <ExploreChart
          rows={history.rows}
          series={[
            { key: 'score', name: TEXT.score, colour: '#E69F00' },
            { key: 'events', name: TEXT.events, colour: '#56B4E9', axis: 'right' },
          ]}
          label={TEXT.label(hours)}
          leftMax={100}
          leftUnit={t('explore.score')}
          rightUnit={t('explore.eventsUnit')}
          threshold={
            threshold !== undefined ? { value: threshold, label: TEXT.threshold(threshold) } : undefined
          }
          marks={exploreMarks(alerts, now - range, now)}
        />
      ) : null}
    </section>
  );
}
