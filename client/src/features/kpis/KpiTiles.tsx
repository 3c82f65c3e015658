/** @module The overview's big numbers: events/s, active sensors, unresolved alerts (waiting, acknowledged, snoozed), ingest lag, DLQ rate. */
import { memo } from 'react';
import { KpiTile } from '../../components/KpiTile.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { useNow } from '../../hooks/useNow.js';
import { t } from '../../i18n/index.js';
import { COUNT_LABEL } from '../../labels/alerts.js';
import { dlqReason } from '../../labels/dlq.js';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format.js';
import { rejectedRate } from '../../state/live-store.js';
import { alertCounts } from '../alerts/counts.js';
import { useSensors } from '../sensors/useSensors.js';
import { mostRejected } from './most-rejected.js';

/** Lag (entries not yet delivered) above these is shown as a warning / a problem. */
const LAG_WARN = 1_000;
const LAG_BAD = 10_000;
const SENSORS_REFRESH_MS = 10_000;
const SNOOZE_CHECK_MS = 5_000;

/** Active / total sensors from `GET /api/sensors`, refreshed; null while unknown or failing. */
function useSensorCounts(): { active: number; total: number } | null {
  const { data, isError } = useSensors(SENSORS_REFRESH_MS);
  if (!data || isError) return null;
  return { active: data.filter((x) => !x.silent).length, total: data.length };
}

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const KpiTiles = memo(function KpiTiles() {
  // A snooze ends with time: the counts follow within SNOOZE_CHECK_MS without the page's every-second clock.
  const now = useNow(SNOOZE_CHECK_MS);
  const stats = useLiveSelector((s) => s.stats);
  const alerts = useLiveSelector((s) => s.alerts);
  const samples = useLiveSelector((s) => s.rejectedSamples);
  const sensors = useSensorCounts();
  if (!stats) return <p className="empty">{t('kpi.waiting')}</p>;
  const c = alertCounts(alerts.values(), now);
  const critical = c.bySeverity.critical;
  const dlq = rejectedRate(samples);
  const worst = mostRejected(stats.rejectedByReason);
  return (
    <div className="kpis">
      <KpiTile
        label={t('kpi.eventsPerSecond')}
        value={formatCount(stats.eventsPerSec)}
        detail={t(
          stats.countedSince === undefined
            ? 'kpi.ingested'
            : stats.countedSinceBefore
              ? 'kpi.ingestedSinceBefore'
              : 'kpi.ingestedSince',
          {
            n: formatCount(stats.ingested),
            since: `${formatDateTime(stats.countedSince ?? 0).slice(0, 16)} UTC`,
            uptime: formatDuration(stats.uptimeS),
          },
        )}
      />
      <KpiTile
        label={t('kpi.activeSensors')}
        value={sensors ? formatCount(sensors.active) : '—'}
        detail={
          sensors
            ? t('kpi.sensorsOf', {
                total: formatCount(sensors.total),
                silent: sensors.total - sensors.active,
              })
            : t('kpi.unknown')
        }
        tone={sensors && sensors.active < sensors.total ? 'warn' : 'normal'}
      />
      <KpiTile
        label={COUNT_LABEL.unresolved}
        value={formatCount(c.unresolved)}
        detail={`${t('kpi.standing', { waiting: c.waiting, acknowledged: c.acknowledged, snoozed: c.snoozed })} · ${t('kpi.critical', { count: critical })}`}
        tone={critical > 0 ? 'bad' : c.waiting > 0 ? 'warn' : 'normal'}
      />
      <KpiTile
        label={t('kpi.lag')}
        value={formatCount(stats.lag)}
        detail={t('kpi.pending', { n: formatCount(stats.pending) })}
        tone={stats.lag >= LAG_BAD ? 'bad' : stats.lag >= LAG_WARN ? 'warn' : 'normal'}
      />
      <KpiTile
        label={t('kpi.dlqRate')}
        value={formatCount(dlq)}
        unit="/s"
        detail={
          worst.length > 1
            ? t('kpi.rejectedTied', {
                n: formatCount(stats.rejected),
                reasons: worst.map(dlqReason).join(', '),
              })
            : worst.length === 1
              ? t('kpi.rejectedMost', { n: formatCount(stats.rejected), reason: dlqReason(worst[0]!) })
              : t('kpi.rejected', { n: formatCount(stats.rejected) })
        }
        tone={dlq > 0 ? 'warn' : 'normal'}
      />
    </div>
  );
});
