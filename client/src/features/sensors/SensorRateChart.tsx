/**
 * @module The busiest sensors' event rates since this page opened (sampled at each refresh; the server keeps no
 * per-sensor history), explored with the tooltip and the brush.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Sensor } from '../../../../shared/schemas/api.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { t } from '../../i18n/index.js';
import { segmentStyles } from '../../lib/palette.js';
import { addSamples, type RateSamples, sampleRows } from './rate-samples.js';

/** Sensors drawn at once: the busiest now. */
const SHOWN = 8;

const TEXT = {
  intro: (n: number, total: number) => t('explore.sensorsIntro', { n, total }),
  get waiting() {
    return t('explore.sensorsWaiting');
  },
  get label() {
    return t('explore.sensorsLabel');
  },
};

export function SensorRateChart({ sensors, at }: { sensors: readonly Sensor[]; at: number }) {
  const [samples, setSamples] = useState<RateSamples>(new Map());
  useEffect(() => {
    if (at > 0) setSamples((s) => addSamples(s, sensors, at));
  }, [sensors, at]);
  const busiest = [...sensors]
    .sort((a, b) => b.eventsPerSec - a.eventsPerSec || a.sensor.localeCompare(b.sensor))
    .slice(0, SHOWN)
    .map((s) => s.sensor);
  const styles = segmentStyles(busiest);
  // new rows only with a new sample (the page around re-renders every second)
  const names = busiest.join('\u0000');
  const rows = useMemo(() => sampleRows(samples, names.split('\u0000')), [samples, names]);
  return (
    <div data-testid="sensor-rates">
      <p className="muted">{TEXT.intro(busiest.length, sensors.length)}</p>
      {rows.length < 2 ? (
        <p className="empty">{TEXT.waiting}</p>
      ) : (
        <ExploreChart
          rows={rows}
          series={busiest.map((name) => ({
            key: `s:${name}`,
            name,
            colour: styles.get(name)!.colour,
            dash: styles.get(name)!.dash,
          }))}
          label={TEXT.label}
          leftUnit={t('explore.eventsUnit')}
        />
      )}
    </div>
  );
}
