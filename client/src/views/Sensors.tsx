/** @module `/sensors`: every sensor with its segment, last seen and rate; silent ones first. */
import type { Sensor } from '../../../shared/schemas/api.js';
import { Panel } from '../components/Panel.js';
import { SensorRateChart } from '../features/sensors/SensorRateChart.js';
import { useSensors } from '../features/sensors/useSensors.js';
import { useNow } from '../hooks/useNow.js';
import { formatAge, formatClock, formatCount } from '../lib/format.js';
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
      ? 'The sensor list is not available on this server yet.'
      : 'Could not load the sensors.'
    : null;
  const now = useNow(1000);
  const { search } = useLocation();
  const highlight = new URLSearchParams(search).get('sensor');

  const silent = sensors?.filter((s) => s.silent).length ?? 0;
  const stale = updated > 0 && now - updated > REFRESH_MS * 3;
  return (
    <main className="page" id="main">
      <h1 className="page__title">Sensors</h1>
      <Panel
        title={sensors ? `${sensors.length} sensors · ${silent} silent` : 'Sensors'}
        live={sensors ? !stale && !error : undefined}
        notLiveText={`NOT LIVE · ${formatAge(now - updated)} old`}
      >
        {error ? <p className="empty">{error}</p> : null}
        {sensors === null && !error ? <p className="empty">Loading…</p> : null}
        {sensors && sensors.length === 0 ? <p className="empty">No sensor has reported yet.</p> : null}
        {sensors && sensors.length > 0 ? (
          <table className="table sensors">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Sensor</th>
                <th scope="col">Segment</th>
                <th scope="col">Last seen (UTC)</th>
                <th scope="col" className="num">
                  Events / s
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
                      <span className="tag tag--bad">■ SILENT</span>
                    ) : (
                      <span className="tag tag--ok">● REPORTING</span>
                    )}
                  </td>
                  <td className="wrap mono">{s.sensor}</td>
                  <td className="wrap">{s.segment ?? '—'}</td>
                  <td>
                    {formatClock(s.lastSeen)} ({formatAge(now - s.lastSeen)} ago)
                  </td>
                  <td className="num">{formatCount(s.eventsPerSec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Panel>
      {sensors && sensors.length > 0 ? (
        <Panel title="Event rate history">
          <SensorRateChart sensors={query.data ?? []} at={updated} />
        </Panel>
      ) : null}
    </main>
  );
}
