/**
 * @module An alert's score history, explored: the score of its segment from the series history (the highest per
 * step) from ten minutes before it was raised until it was resolved, or now (at most the last 24 h), with its raise,
 * acknowledgement and resolve marked and its peak as a line. A host's own score is kept only for its live minutes
 * (on the host page), so the segment's is what history holds.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { shownScore } from '../../../../shared/schemas/alert.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { exploreMarks } from '../history/explore-marks.js';
import { stepLabel } from '../history/history-rows.js';
import { useSeriesHistory } from '../history/useSeriesHistory.js';

const BEFORE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

const TEXT = {
  get title() {
    return t('explore.alertTitle');
  },
  intro: (segment: string, step: number) =>
    t('explore.alertIntro', {
      segment,
      step: stepLabel(step),
      before: t('unit.minutes', { n: BEFORE_MS / 60_000 }),
    }),
  series: (segment: string) => t('explore.alertSeries', { segment }),
  label: (id: string) => t('explore.alertLabel', { id }),
  peak: (value: number) => t('explore.peak', { value }),
  get loading() {
    return t('explore.historyLoading');
  },
  get error() {
    return t('explore.historyError');
  },
};

export function AlertScoreHistory({ alert: a, now }: { alert: Alert; now: number }) {
  // whole minutes, so that the window (and its cache key) moves once a minute, not every second
  const to = Math.ceil((a.resolvedAt ?? now) / 60_000) * 60_000;
  const from = Math.max(a.firstSeen - BEFORE_MS, to - DAY_MS);
  const history = useSeriesHistory(a.segment, to - from, { from, to });
  return (
    <section className="detail__chart" data-testid="alert-score-history">
      <h3 className="detail__sub">{TEXT.title}</h3>
      <p className="muted">{TEXT.intro(a.segment, history.stepS)}</p>
      {history.state === 'loading' ? <p className="empty">{TEXT.loading}</p> : null}
      {history.state === 'error' ? <p className="empty">{TEXT.error}</p> : null}
      {history.state === 'ready' ? (
        <ExploreChart
          rows={history.rows}
          series={[{ key: 'score', name: TEXT.series(a.segment), colour: '#E69F00' }]}
          label={TEXT.label(a.id)}
          height={180}
          leftMax={100}
          threshold={{ value: shownScore(a.peakScore), label: TEXT.peak(shownScore(a.peakScore)) }}
          marks={exploreMarks([a], from, to)}
        />
      ) : null}
    </section>
  );
}
