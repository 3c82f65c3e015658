/** @module Ingest health as big numbers: events/s, ingested, rejected, lag, clients. */
import { memo } from 'react';
import { KpiTile } from '../../components/KpiTile.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatCount, formatDuration } from '../../lib/format.js';

/** Lag (entries not yet delivered) above these is shown as a warning / a problem. */
const LAG_WARN = 1_000;
const LAG_BAD = 10_000;

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const KpiTiles = memo(function KpiTiles() {
  const stats = useLiveSelector((s) => s.stats);
  if (!stats) return <p className="empty">Waiting for ingest statistics…</p>;
  const worst = Object.entries(stats.rejectedByReason).sort((a, b) => b[1] - a[1])[0];
  return (
    <div className="kpis">
      <KpiTile label="Events / s" value={formatCount(stats.eventsPerSec)} detail="last 10 s" />
      <KpiTile
        label="Ingested"
        value={formatCount(stats.ingested)}
        detail={`up ${formatDuration(stats.uptimeS)}`}
      />
      <KpiTile
        label="Rejected"
        value={formatCount(stats.rejected)}
        detail={worst ? `most: ${worst[0]} (${formatCount(worst[1])})` : 'none'}
        tone={stats.rejected > 0 ? 'warn' : 'normal'}
      />
      <KpiTile
        label="Lag"
        value={formatCount(stats.lag)}
        detail={`${formatCount(stats.pending)} pending`}
        tone={stats.lag >= LAG_BAD ? 'bad' : stats.lag >= LAG_WARN ? 'warn' : 'normal'}
      />
      <KpiTile label="Clients" value={formatCount(stats.clients)} detail="screens connected" />
    </div>
  );
});
