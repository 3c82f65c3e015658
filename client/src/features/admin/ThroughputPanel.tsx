/**
 * @module Admin: ingest throughput over 1 h, 6 h or 24 h from the series history (events per second and bytes out per
 * second, the whole network), explored with the tooltip and the brush. Each process's own rate is charted in the
 * processes panel (ClusterPanel).
 */
import { useState } from 'react';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import { HistoryRangePicker } from '../history/HistoryRangePicker.js';
import { HISTORY_RANGES, historySince, rangeLabel, stepLabel } from '../history/history-rows.js';
import { useSeriesHistory } from '../history/useSeriesHistory.js';

const TEXT = {
  get title() {
    return t('admin.throughput');
  },
  intro: (step: number) => t('explore.throughputIntro', { step: stepLabel(step) }),
  get events() {
    return t('explore.throughputEvents');
  },
  get bytes() {
    return t('explore.throughputBytes');
  },
  label: (range: string) => t('explore.throughputLabel', { range }),
  get loading() {
    return t('explore.historyLoading');
  },
  get error() {
    return t('explore.historyError');
  },
};

export function ThroughputPanel() {
  const [range, setRange] = useState<number>(HISTORY_RANGES[0].ms);
  const history = useSeriesHistory(undefined, range);
  const since = historySince(history, range, Date.now());
  return (
    <Panel title={TEXT.title} className="admin__panel">
      <div data-testid="ingest-throughput">
        <HistoryRangePicker value={range} onChange={setRange} />
        <p className="muted">
          {TEXT.intro(history.stepS)}
          {since ? ` ${since}` : null}
        </p>
        {history.state === 'loading' ? <p className="empty">{TEXT.loading}</p> : null}
        {history.state === 'error' ? <p className="empty">{TEXT.error}</p> : null}
        {history.state === 'ready' ? (
          <ExploreChart
            rows={history.rows}
            series={[
              { key: 'events', name: TEXT.events, colour: '#56B4E9' },
              { key: 'bytes', name: TEXT.bytes, colour: '#009E73', axis: 'right' },
            ]}
            label={TEXT.label(rangeLabel(range))}
            leftUnit={t('explore.eventsUnit')}
            rightUnit={t('explore.bytesUnit')}
            rightFormat={formatBytes}
          />
        ) : null}
      </div>
    </Panel>
  );
}
