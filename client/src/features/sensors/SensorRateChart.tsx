/**
 * @module The busiest sensors' event rates since this page opened (sampled at each refresh; the server keeps no
 * per-sensor history), explored with the tooltip and the brush.
 */
import { useMemo } from 'react';
import type { Sensor } from '../../../../shared/schemas/api.js';
import { t } from '../../i18n/index.js';
import { SampledRateChart } from '../history/SampledRateChart.js';

/** Sensors drawn at once: the busiest now. */
const SHOWN = 8;

export function SensorRateChart({ sensors, at }: { sensors: readonly Sensor[]; at: number }) {
  const rates = useMemo(
    () => sensors.map((s) => ({ name: s.sensor, eventsPerSec: s.eventsPerSec })),
    [sensors],
  );
  return (
    <SampledRateChart
      rates={rates}
      at={at}
      shown={SHOWN}
      testId="sensor-rates"
      intro={(n, total) => t('explore.sensorsIntro', { n, total })}
      label={t('explore.sensorsLabel')}
    />
  );
}
