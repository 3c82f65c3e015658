/**
 * @module Event rates since this page opened, sampled at each refresh where the server keeps only the current rate
 * (sensors, the processes of a deployment): the busiest `shown`, explored with the tooltip and the brush.
 */
import { useEffect, useMemo, useState } from 'react';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { segmentStyles } from '../../lib/palette.js';
import { addSamples, type RateNow, type RateSamples, sampleRows } from './rate-samples.js';

export interface SampledRateChartProps {
  rates: readonly RateNow[];
  /** When `rates` were fetched (0 before the first answer). */
  at: number;
  /** How many are drawn: the busiest now. */
  shown: number;
  testId: string;
  /** The line above the chart, given how many are drawn of how many. */
  intro: (shown: number, total: number) => string;
  /** The chart's accessible label. */
  label: string;
}

export function SampledRateChart({ rates, at, shown, testId, intro, label }: SampledRateChartProps) {
  const [samples, setSamples] = useState<RateSamples>(new Map());
  useEffect(() => {
    if (at > 0) setSamples((s) => addSamples(s, rates, at));
  }, [rates, at]);
  const busiest = [...rates]
    .sort((a, b) => b.eventsPerSec - a.eventsPerSec || a.name.localeCompare(b.name))
    .slice(0, shown)
    .map((r) => r.name);
  const styles = segmentStyles(busiest);
  // new rows only with a new sample (the page around re-renders every second)
  const names = busiest.join('\u0000');
  const rows = useMemo(() => sampleRows(samples, names.split('\u0000')), [samples, names]);
  return (
    <div data-testid={testId}>
      <p className="muted">{intro(busiest.length, rates.length)}</p>
      {rows.length < 2 ? (
        <p className="empty">{t('explore.sensorsWaiting')}</p>
      ) : (
        <ExploreChart
          rows={rows}
          series={busiest.map((name) => ({
            key: `s:${name}`,
            name,
            colour: styles.get(name)!.colour,
            dash: styles.get(name)!.dash,
          }))}
          label={label}
          leftUnit={t('explore.eventsUnit')}
        />
      )}
    </div>
  );
}
