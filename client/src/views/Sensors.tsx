/** @module `/sensors`: every sensor with its segment, last seen and rate; silent ones first. */
import type { Sensor } from '../../../shared/schemas/api.js';
import { Panel } from '../components/Panel.js';
import { SensorRateChart } from '../features/sensors/SensorRateChart.js';
import { useSensors } from '../features/sensors/useSensors.js';
import { useNow } from '../hooks/useNow.js';
import { t } from '../i18n/index.js';
import { formatAge, formatClock, formatCount, formatDecimal } from '../lib/format.js';
import { ApiError } from '../lib/request.js';
import { useLocation } from '../lib/router.js';

const REFRESH_MS = 5000;

/** Silent first, then by name. Pure. */
export function sortSensors(list: readonly Sensor[]): Sensor[] {
  return [...list].sort((a, b) => Number(b.silent) - Number(a.silent) || a.sensor.localeCompare(b.sensor));
}

export default function Sensors() {
  const query = useSensors(REFRESH_MS);
  const sensors = query.data ? sortSensors(query.data) : null;
  const updated = query.dataUpdatedAt;
  const error = query.error
    ? query.error instanceof ApiError && query.error.status === 404
      ? t('sensors.unavailable')
      : t('sensors.loadFailed')
    : null;
  const now = useNow(1000);
  const { search } = useLocation();
  const highlight = new URLSearchParams(search).get('sensor');

  const silent = sensors?.filter((s) => s.silent).length ?? 0;
  const stale = updated > 0 && now - updated > REFRESH_MS * 3;
  return (
    <main className="page" id="main">
      <h1 className="page__title">{t('title.sensors')}</h1>
      <Panel
        title={sensors ? t('sensors.summary', { count: sensors.length, silent }) : t('title.sensors')}
        live={sensors ? !stale && !error : undefined}
        notLiveText={t('overview.notLiveAge', { age: formatAge(now - updated) })}
      >
        {error ? <p className="empty">{error}</p> : null}
        {sensors === null && !error ? <p className="empty">{t('app.loading')}</p> : null}
        {sensors && sensors.length === 0 ? <p className="empty">{t('sensors.none')}</p> : null}
        {sensors && sensors.length > 0 ? (
          <table className="table sensors">
            <thead>
              <tr>
                <th scope="col">{t('col.status')}</th>
                <th scope="col">{t('col.sensor')}</th>
                <th scope="col">{t('col.segment')}</th>
                <th scope="col">{t('col.lastSeenUtc')}</th>
                <th scope="col" className="num">
                  {t('sensors.rate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sensors.map((s) => (
                <tr
                  key={s.sensor}
                  className={`${s.silent ? 'sensor--silent' : ''} ${highlight === s.sensor ? 'row--highlight' : ''}`}
                >
                  <td>
                    {s.silent ? (
                      <span className="tag tag--bad">■ {t('sensors.silent')}</span>
                    ) : (
                      <span className="tag tag--ok">● {t('sensors.reporting')}</span>
                    )}
                  </td>
                  <td className="wrap mono">{s.sensor}</td>
                  <td className="wrap">{s.segment ?? '—'}</td>
                  <td>
                    {t('sensors.seen', { clock: formatClock(s.lastSeen), age: formatAge(now - s.lastSeen) })}
                  </td>
                  <td className="num">
                    {s.eventsPerSec > 0 && s.eventsPerSec < 0.05
                      ? t('sensors.rateUnder', { n: formatDecimal(0.1) })
                      : formatCount(s.eventsPerSec)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Panel>
      {sensors && sensors.length > 0 ? (
        <Panel title={t('explore.sensorsTitle')}>
          <SensorRateChart />
        </Panel>
      ) : null}
    </main>
  );
}
