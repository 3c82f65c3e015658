/**
 * @module The explored chart, loaded on first use: recharts stays out of the overview's and the wall's code and is
 * fetched only by the pages that explore a chart (host, alerts, sensors, handover, admin). Until it has come, the
 * chart's box keeps its height and says so.
 */
import { lazy, Suspense } from 'react';
import { t } from '../../i18n/index.js';
import type { ExploreChartProps } from './explore-types.js';

const Chart = lazy(() => import('./ExploreChart.js'));

export function ExploreChart(props: ExploreChartProps) {
  return (
    <Suspense
      fallback={
        <div className="xchart xchart--loading" style={{ height: (props.height ?? 220) + 40 }}>
          {t('explore.loading')}
        </div>
      }
    >
      <Chart {...props} />
    </Suspense>
  );
}
