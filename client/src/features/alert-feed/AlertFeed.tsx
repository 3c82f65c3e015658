/** @module The live alert feed: the most recently changed unresolved alerts, newest first. */
import { memo } from 'react';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatClock } from '../../lib/format.js';

export const AlertFeed = memo(function AlertFeed({ limit = 8 }: { limit?: number }) {
  const alerts = useLiveSelector((s) => s.alerts);
  const rows = [...alerts.values()]
    .filter((a) => a.state !== 'resolved')
    .sort((a, b) => b.lastSeen - a.lastSeen || b.version - a.version)
    .slice(0, limit);
  if (rows.length === 0) return <p className="empty">No unresolved alerts.</p>;
  return (
    <ul className="feed" aria-live="polite">
      {rows.map((a) => (
        <li key={a.id} className="feed__item">
          <SeverityBadge severity={a.severity} short />
          <Link to={`/alerts?id=${encodeURIComponent(a.id)}`} className="mono wrap">
            {a.entity.id}
          </Link>
          <span className="wrap">
            {a.detector} · {a.segment}
          </span>
          <span className={`state__name state__name--${a.state}`}>
            {a.state === 'acknowledged' ? `ACK ${a.owner ?? ''}` : 'OPEN'}
          </span>
          <span className="muted">{formatClock(a.lastSeen)}</span>
        </li>
      ))}
    </ul>
  );
});
