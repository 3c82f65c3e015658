/**
 * @module The live alert feed: the most recently changed unresolved alerts, newest first, each with its standing
 * (waiting, snoozed, acknowledged by whom, escalated).
 */
import { memo } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { claimHolder } from '../../../../shared/schemas/alert.js';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { useNow } from '../../hooks/useNow.js';
import { t } from '../../i18n/index.js';
import { STANDING_LABEL } from '../../labels/alerts.js';
import { detectorName } from '../../labels/detectors.js';
import { formatClock } from '../../lib/format.js';
import { alertStanding } from '../alerts/counts.js';
import { WatchMark } from '../watch/WatchMark.js';

const SNOOZE_CHECK_MS = 5_000;

export const AlertFeed = memo(function AlertFeed({ limit = 8 }: { limit?: number }) {
  const alerts = useLiveSelector((s) => s.alerts);
  // A snooze ends with time: the standing words follow within SNOOZE_CHECK_MS.
  const now = useNow(SNOOZE_CHECK_MS);
  const rows = [...alerts.values()]
    .filter((a) => a.state !== 'resolved')
    .sort((a, b) => b.lastSeen - a.lastSeen || b.version - a.version)
    .slice(0, limit);
  if (rows.length === 0) return <p className="empty">{t('wall.noAlerts')}</p>;
  return (
    <ul className="feed" aria-live="polite">
      {rows.map((a) => (
        <li key={a.id} className="feed__item feed__item--alert">
          <SeverityBadge severity={a.severity} short />
          <span className="feed__what">
            <Link to={`/alerts?id=${encodeURIComponent(a.id)}`} className="mono wrap">
              {a.entity.id}
            </Link>
            <WatchMark ip={a.entity.id} />
            <span className="wrap">
              {detectorName(a.detector)} · {a.segment}
            </span>
            <FeedState alert={a} now={now} />
          </span>
          <span className="muted feed__time">{formatClock(a.lastSeen)}</span>
        </li>
      ))}
    </ul>
  );
});

function FeedState({ alert: a, now }: { alert: Alert; now: number }) {
  const standing = alertStanding(a, now);
  return (
    <span className={`state__name state__name--${standing}`} data-standing={standing}>
      {STANDING_LABEL[standing]}
      {claimHolder(a) ? ` ${claimHolder(a)}` : ''}
      {a.escalated ? ` · ${t('wall.escalated')}` : ''}
    </span>
  );
}
