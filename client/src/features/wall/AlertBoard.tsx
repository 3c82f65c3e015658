/** @module The wall's alert board scene: unresolved alerts, worst first, as many as the screen holds. */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { formatAge } from '../../lib/format.js';
import { boardAlerts } from './scenes.js';

export function AlertBoard({ alerts, now }: { alerts: Alert[]; now: number }) {
  const rows = boardAlerts(alerts, 8);
  const total = alerts.filter((a) => a.state !== 'resolved').length;
  return (
    <div className="scene scene--alerts">
      <h1 className="board__title">
        Alerts · {total} unresolved{total > rows.length ? ` (worst ${rows.length} shown)` : ''}
      </h1>
      {rows.length === 0 ? <div className="wempty">No unresolved alerts.</div> : null}
      <div className="board">
        {rows.map((a) => (
          <div key={a.id} className={`board__row board__row--${a.severity}`}>
            <SeverityBadge severity={a.severity} />
            <span className="board__entity">{a.entity.id}</span>
            <span className="board__what">
              {a.detector} · {a.segment}
            </span>
            <span className="board__state">
              {a.state === 'acknowledged' ? `ACK ${a.owner ?? ''}` : 'OPEN'}
              {a.escalated ? ' · ESC' : ''}
            </span>
            <span className="board__age">{formatAge(now - a.firstSeen)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
