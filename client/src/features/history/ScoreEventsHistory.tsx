/**
 * @module A score-and-events history chart from the series history: one segment's (or the whole network's) highest
 * score per step and its events per second over a window ending now, the alert threshold and the alerts' moments
 * marked, explored with the tooltip and the brush; "loading" and "unavailable" until the history has come. The host
 * page's segment history and the handover's shift trend are this chart with their own words.
 */
import { useMemo } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { ExploreSeries } from '../../components/explore/explore-types.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { exploreMarks } from './explore-marks.js';
import { historySince } from './history-rows.js';
import { useSeriesHistory } from './useSeriesHistory.js';

const TEXT = {
  get loading() {
    return t('explore.historyLoading');
  },
  get error() {
    return t('explore.historyError');
  },
  threshold: (value: number) => t('explore.threshold', { value }),
};

interface Props {
  /** The segment; undefined: the whole network (every segment summed, its highest score). */
  segment: string | undefined;
  rangeMs: number;
  /** Their raise, acknowledgement and resolve in the window are marked. */
  alerts: readonly Alert[];
  /** The raise threshold in force; no line until the server has said. */
  threshold?: number | undefined;
  /** The line above the chart, given the history's seconds per point. */
  intro(stepS: number): string;
  scoreName: string;
  eventsName: string;
  /** What the chart shows, for screen readers. */
  label: string;
}

export function ScoreEventsHistory({
  segment,
  rangeMs,
  alerts,
  threshold,
  intro,
  scoreName,
  eventsName,
  label,
}: Props) {
  const history = useSeriesHistory(segment, rangeMs);
  const series = useMemo<ExploreSeries[]>(
    () => [
      { key: 'score', name: scoreName, colour: '#E69F00' },
      { key: 'events', name: eventsName, colour: '#56B4E9', axis: 'right' },
    ],
    [scoreName, eventsName],
  );
  // the window ends with the newest history row (it moves once a minute, with the history, not every second)
  const newest = history.rows.at(-1)?.t;
  const marks = useMemo(() => {
    const end = Math.max(newest ?? 0, Date.now());
    return exploreMarks(alerts, end - rangeMs, end);
  }, [alerts, rangeMs, newest]);
  const since = historySince(history, rangeMs, Date.now());
  return (
    <>
      <p className="muted">
        {intro(history.stepS)}
        {since ? ` ${since}` : null}
      </p>
      {history.state === 'loading' ? <p className="empty">{TEXT.loading}</p> : null}
      {history.state === 'error' ? <p className="empty">{TEXT.error}</p> : null}
      {history.state === 'ready' ? (
        <ExploreChart
          rows={history.rows}
          series={series}
          label={label}
          leftMax={100}
          leftUnit={t('explore.score')}
          rightUnit={t('explore.eventsUnit')}
          threshold={
            threshold !== undefined ? { value: threshold, label: TEXT.threshold(threshold) } : undefined
          }
          marks={marks}
        />
      ) : null}
    </>
  );
}
