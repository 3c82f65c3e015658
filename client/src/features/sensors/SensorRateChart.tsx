/**
 * @module The busiest sensors' event rates over the last 1 h, 6 h or 24 h, from the server's sensors' history
 * (per 10 s as events arrive), explored with the tooltip and the brush: when a sensor went quiet, and for how long.
 */
import { useState } from 'react';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { segmentStyles } from '../../lib/palette.js';
import { HistoryRangePicker } from '../history/HistoryRangePicker.js';
import { HISTORY_RANGES, historySince, stepLabel } from '../history/history-rows.js';
import { useSensorHistory } from './useSensorHistory.js';

export function SensorRateChart() {
  const [range, setRange] = useState<number>(HISTORY_RANGES[0].ms);
  const history = useSensorHistory(range);
  const styles = segmentStyles(history.sensors);
  const since = historySince(history, range, Date.now());
  return (
    <div data-testid="sensor-rates">
      <HistoryRangePicker value={range} onChange={setRange} />
      <p className="muted">
        {t('explore.sensorsIntro', {
          n: history.sensors.length,
          total: history.total,
          step: stepLabel(history.stepS),
        })}
        {since ? ` ${since}` : null}
      </p>
      {history.state === 'error' ? (
        <p className="empty">{t('explore.historyError')}</p>
      ) : history.rows.length < 2 ? (
        <p className="empty">
          {t(history.state === 'loading' ? 'explore.historyLoading' : 'explore.sensorsShort')}
        </p>
      ) : (
        <ExploreChart
          rows={history.rows}
          series={history.sensors.map((name) => ({
            key: `s:${name}`,
            name,
            colour: styles.get(name)!.colour,
            dash: styles.get(name)!.dash,
          }))}
          label={t('explore.sensorsLabel')}
          leftUnit={t('explore.eventsUnit')}
        />
      )}
    </div>
  );
}
