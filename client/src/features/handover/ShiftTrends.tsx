/**
 * @module The shift's trend, explored: the whole network's events per second and its highest segment score over the
 * shift from the series history, with the alerts raised, acknowledged and resolved in it marked.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { exploreMarks } from '../history/explore-marks.js';
import { useSeriesHistory } from '../history/useSeriesHistory.js';

const TEXT = {
  title: 'Shift trend',
  intro: (hours: number, step: number) =>
    `The last ${hours} h from the series history: the highest segment score per ${step} s and the whole network's events per second (average per ${step} s); R raised, A acknowledged, X resolved.`,
  score: 'highest segment score',
  events: 'events/s, whole network',
  label: (hours: number) => `Network score and event rate over the last ${hours} hours`,
  loading: 'Loading the trend…',
  error: 'The trend could not be read.',
  threshold: (v: number) => `alert ${v}`,
} as const;

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
          leftUnit="score"
          rightUnit="events/s"
          threshold={
            threshold !== undefined ? { value: threshold, label: TEXT.threshold(threshold) } : undefined
          }
          marks={exploreMarks(alerts, now - range, now)}
        />
      ) : null}
    </section>
  );
}
