/** @module The overview's big numbers: events/s, active sensors, open / acknowledged alerts, ingest lag, DLQ rate. */
import { memo } from 'react';
import { KpiTile } from '../../components/KpiTile.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatCount, formatDuration } from '../../lib/format.js';
import { rejectedRate } from '../../state/live-store.js';
import { useSensors } from '../sensors/useSensors.js';

/** Lag (entries not yet delivered) above these is shown as a warning / a problem. */
const LAG_WARN = 1_000;
const LAG_BAD = 10_000;
const SENSORS_REFRESH_MS = 10_000;

/** Active / total sensors from `GET /api/sensors`, refreshed; null while unknown or failing. */
function useSensorCounts(): { active: number; total: number } | null {
  const { data, isError } = useSensors(SENSORS_REFRESH_MS);
  if (!data || isError) return null;
  return { active: data.filter((x) => !x.silent).length, total: data.length };
}

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const KpiTiles = memo(function KpiTiles() {
  const stats = useLiveSelector((s) => s.stats);
  const alerts = useLiveSelector((s) => s.alerts);
  const samples = useLiveSelector((s) => s.rejectedSamples);
  const sensors = useSensorCounts();
  if (!stats) return <p className="empty">Waiting for ingest statistics…</p>;
  let open = 0;
  let acked = 0;
  let critical = 0;
  for (const a of alerts.values()) {
    if (a.state === 'open') open++;
    else if (a.state === 'acknowledged') acked++;
    if (a.state !== 'resolved' && a.severity === 'critical') critical++;
  }
  const dlq = rejectedRate(samples);
  const worst = Object.entries(stats.rejectedByReason).sort((a, b) => b[1] - a[1])[0];
  return (
    <div className="kpis">
      <KpiTile
        label="Events / s"
        value={formatCount(stats.eventsPerSec)}
        detail={`${formatCount(stats.ingested)} ingested · up ${formatDuration(stats.uptimeS)}`}
      />
      <KpiTile
        label="Active sensors"
        value={sensors ? formatCount(sensors.active) : '—'}
        detail={
          sensors ? `of ${formatCount(sensors.total)} · ${sensors.total - sensors.active} silent` : 'unknown'
        }
        tone={sensors && sensors.active < sensors.total ? 'warn' : 'normal'}
      />
      <KpiTile
        label="Open alerts"
        value={formatCount(open)}
        detail={`${formatCount(acked)} acknowledged · ${formatCount(critical)} critical`}
        tone={critical > 0 ? 'bad' : open > 0 ? 'warn' : 'normal'}
      />
      <KpiTile
        label="Ingest lag"
        value={formatCount(stats.lag)}
        detail={`${formatCount(stats.pending)} pending`}
        tone={stats.lag >= LAG_BAD ? 'bad' : stats.lag >= LAG_WARN ? 'warn' : 'normal'}
      />
      <KpiTile
        label="DLQ rate"
        value={formatCount(dlq)}
        unit="/s"
        detail={`${formatCount(stats.rejected)} rejected${worst ? ` · most ${worst[0]}` : ''}`}
        tone={dlq > 0 ? 'warn' : 'normal'}
      />
    </div>
  );
});
