/**
 * @module The host's segment over 1 h, 6 h or 24 h from the series history (the host's own score is kept only for
 * the live minutes above): the segment's highest score per step and its events per second, the host's alert moments
 * marked, explored with the tooltip and the brush.
 */
import { useState } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { exploreMarks } from '../history/explore-marks.js';
import { HistoryRangePicker } from '../history/HistoryRangePicker.js';
import { HISTORY_RANGES } from '../history/history-rows.js';
import { useSeriesHistory } from '../history/useSeriesHistory.js';

const TEXT = {
  intro: (segment: string, step: number) => t('explore.hostIntro', { segment, step }),
  score: (segment: string) => t('explore.hostScore', { segment }),
  events: (segment: string) => t('explore.hostEvents', { segment }),
  label: (segment: string, range: string) => t('explore.hostLabel', { segment, range }),
  get loading() {
    return t('explore.historyLoading');
  },
  get error() {
    return t('explore.historyError');
  },
  threshold: (value: number) => t('explore.threshold', { value }),
};

export function HostHistory({
  segment,
  alerts,
  threshold,
}: {
  segment: string;
  alerts: readonly Alert[];
  threshold?: number | undefined;
}) {
  const [range, setRange] = useState<number>(HISTORY_RANGES[0].ms);
  const history = useSeriesHistory(segment, range);
  const label = HISTORY_RANGES.find((r) => r.ms === range)?.label ?? '';
  const now = Date.now();
  return (
    <div className="xhistory" data-testid="host-history">
      <div className="xhistory__head">
        <HistoryRangePicker value={range} onChange={setRange} />
      </div>
      <p className="muted">{TEXT.intro(segment, history.stepS)}</p>
      {history.state === 'loading' ? <p className="empty">{TEXT.loading}</p> : null}
      {history.state === 'error' ? <p className="empty">{TEXT.error}</p> : null}
      {history.state === 'ready' ? (
        <ExploreChart
          rows={history.rows}
          series={[
            { key: 'score', name: TEXT.score(segment), colour: '#E69F00' },
            { key: 'events', name: TEXT.events(segment), colour: '#56B4E9', axis: 'right' },
          ]}
          label={TEXT.label(segment, label)}
          leftMax={100}
          leftUnit={t('explore.score')}
          rightUnit={t('explore.eventsUnit')}
          threshold={
            threshold !== undefined ? { value: threshold, label: TEXT.threshold(threshold) } : undefined
          }
          marks={exploreMarks(alerts, now - range, now)}
        />
      ) : null}
    </div>
  );
}
