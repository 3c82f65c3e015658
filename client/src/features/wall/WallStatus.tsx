/**
 * @module What the wall says about time and its data: the header (brand and display label, UTC and local
 * clocks, LIVE / STALE / OFFLINE with the age of the newest data, how many segments lost their scorer) and the large
 * banner shown across the screen as soon as data stops.
 */

import { t } from '../../i18n/index.js';
import { formatAge, formatClock, formatLocalClock } from '../../lib/format.js';
import type { ConnectionStatus, ConnectionView } from '../../state/connection-status.js';

/** The word for a connection that is not live. */
export function bannerWord(status: ConnectionStatus): string {
  return status === 'offline' || status === 'reconnecting'
    ? t('connection.offline')
    : status === 'connecting'
      ? t('connection.connecting')
      : t('connection.stale');
}

export function WallHeader({ label, now, conn }: { label: string; now: number; conn: ConnectionView }) {
  return (
    <header className="wall__head">
      <div className="wall__brand">
        <span className="wall__product">WATCHFLOOR</span> <span className="wall__label">{label}</span>
      </div>
      <div className="wall__clocks">
        <span>
          <span className="wall__clocklabel">{t('wall.utc')}</span> {formatClock(now)}
        </span>
        <span>
          <span className="wall__clocklabel">{t('wall.local')}</span> {formatLocalClock(now)}
        </span>
      </div>
      <div className={`wall__state wall__state--${conn.status}`}>
        <span className="wall__statedot" aria-hidden="true" />
        {conn.status === 'live' ? t('connection.live') : bannerWord(conn.status)}
        <span className="wall__age">
          {conn.ageMs === null
            ? t('connection.noData')
            : t('wall.newestData', { age: formatAge(conn.ageMs) })}
        </span>
      </div>
      {conn.staleSegments > 0 ? (
        <div className="wall__state wall__state--stale" data-testid="wall-stale-count">
          {t('wall.staleSegments', { count: conn.staleSegments, stale: t('cluster.stale') })}
        </div>
      ) : null}
    </header>
  );
}

/** STALE, as the overview's segment strip says it, on a segment whose scorer is gone (its figures the last known). */
export function WallStaleTag() {
  return (
    <span className="wstale" title={t('cluster.staleTitle')} data-testid="stale-tag">
      {t('cluster.stale')}
    </span>
  );
}

/** Shown over the greyed last data whenever the connection is not live. */
export function StaleBanner({ conn }: { conn: ConnectionView }) {
  return (
    <div className="wall__banner" role="alert" data-testid="wall-banner">
      <div className="wall__bannerword">{bannerWord(conn.status)}</div>
      <div className="wall__bannerwhy">
        {conn.why ? t(`connection.why.${conn.why}`) : t('wall.waitingData')}
        {conn.ageMs !== null ? ` · ${t('wall.lastData', { age: formatAge(conn.ageMs) })}` : ''}
        {conn.status === 'reconnecting' || conn.status === 'offline' ? ` · ${t('wall.reconnecting')}` : ''}
      </div>
    </div>
  );
}
