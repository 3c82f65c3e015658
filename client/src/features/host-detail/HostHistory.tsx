/**
 * @module The host's segment over 1 h, 6 h or 24 h from the series history (the host's own score is kept only for
 * the live minutes above): the segment's highest score per step and its events per second, the host's alert moments
 * marked, explored with the tooltip and the brush.
 */
import { useState } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { t } from '../../i18n/index.js';
import { HistoryRangePicker } from '../history/HistoryRangePicker.js';
import { HISTORY_RANGES, rangeLabel, stepLabel } from '../history/history-rows.js';
import { ScoreEventsHistory } from '../history/ScoreEventsHistory.js';

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
  const label = rangeLabel(range);
  return (
    <div className="xhistory" data-testid="host-history">
      <div className="xhistory__head">
        <HistoryRangePicker value={range} onChange={setRange} />
      </div>
      <ScoreEventsHistory
        segment={segment}
        rangeMs={range}
        alerts={alerts}
        threshold={threshold}
        intro={(step) => t('explore.hostIntro', { segment, step: stepLabel(step) })}
        scoreName={t('explore.hostScore', { segment })}
        eventsName={t('explore.hostEvents', { segment })}
        label={t('explore.hostLabel', { segment, range: label })}
      />
    </div>
  );
}
