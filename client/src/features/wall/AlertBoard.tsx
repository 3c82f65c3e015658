/** @module The wall's alert board: unresolved alerts, worst first, each with its standing (waiting, snoozed, acknowledged). */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { claimHolder } from '../../../../shared/schemas/alert.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { t } from '../../i18n/index.js';
import { COUNT_LABEL, STANDING_LABEL } from '../../labels/alerts.js';
import { detectorName } from '../../labels/detectors.js';
import { formatAge } from '../../lib/format.js';
import { alertStanding } from '../alerts/counts.js';
import { boardAlerts } from './scenes.js';
import { WallWatchMark } from './WallWatchMark.js';

const ROWS = 5;

export function AlertBoard({ alerts, now }: { alerts: Alert[]; now: number }) {
  const rows = boardAlerts(alerts, ROWS);
  const total = alerts.filter((a) => a.state !== 'resolved').length;
  return (
    <div className="scene scene--alerts">
      <h1 className="board__title">
        {COUNT_LABEL.unresolved} · {total}
        {total > rows.length ? ` ${t('wall.worstShown', { count: rows.length })}` : ''}
      </h1>
      {rows.length === 0 ? <div className="wempty">{t('wall.noAlerts')}</div> : null}
      <div className="board">
        {rows.map((a) => {
          const standing = alertStanding(a, now);
          return (
            <div key={a.id} className={`board__row board__row--${a.severity}`}>
              <SeverityBadge severity={a.severity} />
              <span className="board__entity">
                <span className="board__id">{a.entity.id}</span>
                {a.entity.type === 'host' ? <WallWatchMark ip={a.entity.id} /> : null}
              </span>
              <span className="board__what">
                {detectorName(a.detector)} · {a.segment}
              </span>
              <span className="board__state">
                {STANDING_LABEL[standing]}
                {claimHolder(a) ? ` ${claimHolder(a)}` : ''}
                {a.escalated ? ` · ${t('wall.escalated')}` : ''}
              </span>
              <span className="board__age">{formatAge(now - a.firstSeen)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
