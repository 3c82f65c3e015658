/**
 * @module The wall's counts row: events per second and the unresolved alerts, each count labelled with what it
 * counts (unresolved = waiting + snoozed + acknowledged; critical and high among the unresolved), so no two read
 * as a contradiction. Events per second are the live scorers' figure: segments whose scorer is gone are left out, and
 * the tile says how many.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { COUNT_LABEL } from '../../labels/alerts.js';
import { formatCount } from '../../lib/format.js';
import { alertCounts } from '../alerts/counts.js';

export function WallCounts({
  alerts,
  allowed,
  now,
}: {
  alerts: Alert[];
  allowed: Set<string> | null;
  now: number;
}) {
  const stats = useLiveSelector((s) => s.stats);
  const segments = useLiveSelector((s) => s.segments);
  const stale = useLiveSelector((s) => s.stale);
  const c = alertCounts(alerts, now);
  const shown = segments.filter((s) => !allowed || allowed.has(s.segment));
  // the network-wide rate is the live scorers' sum: a segment whose scorer is gone is left out, and said to be
  const live = shown.filter((s) => !stale.includes(s.segment));
  const leftOut = shown.length - live.length;
  const rate = stats ? stats.eventsPerSec : live.reduce((n, s) => n + s.eventsPerSec, 0);
  return (
    <div className="wkpis" data-testid="wall-counts">
      <WallKpi
        label={t('wall.eventsPerSecond')}
        value={formatCount(rate)}
        detail={leftOut > 0 ? t('wall.withoutStale', { count: leftOut }) : undefined}
        tone={leftOut > 0 ? 'stale' : undefined}
        testId="count-events"
      />
      <WallKpi
        label={COUNT_LABEL.unresolved}
        value={String(c.unresolved)}
        tone={c.waiting > 0 ? 'warn' : undefined}
        detail={t('kpi.standing', { waiting: c.waiting, acknowledged: c.acknowledged, snoozed: c.snoozed })}
        testId="count-unresolved"
        wide
      />
      <WallKpi
        label={COUNT_LABEL.critical}
        value={String(c.bySeverity.critical)}
        tone={c.bySeverity.critical > 0 ? 'bad' : undefined}
        testId="count-critical"
      />
      <WallKpi
        label={COUNT_LABEL.high}
        value={String(c.bySeverity.high)}
        tone={c.bySeverity.high > 0 ? 'warn' : undefined}
        testId="count-high"
      />
    </div>
  );
}

function WallKpi({
  label,
  value,
  detail,
  tone,
  testId,
  wide = false,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: 'warn' | 'bad' | 'stale';
  testId?: string;
  wide?: boolean;
}) {
  return (
    <div className={`wkpi ${tone ? `wkpi--${tone}` : ''} ${wide ? 'wkpi--wide' : ''}`} data-testid={testId}>
      <div className="wkpi__label">{label}</div>
      <div className="wkpi__row">
        <span className="wkpi__value">{value}</span>
        {detail ? <span className="wkpi__detail">{detail}</span> : null}
      </div>
    </div>
  );
}
