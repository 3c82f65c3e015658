/** @module The most anomalous hosts right now, with the reason that weighs most; a row opens the host. */
import { memo } from 'react';
import { useAlerting, useScoreStyle } from '../../app/AlertingProvider.js';
import { Link } from '../../components/Link.js';
import { ScoreBadge } from '../../components/ScoreBadge.js';
import { SegmentName } from '../../components/SegmentName.js';
import { Sparkline } from '../../components/Sparkline.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { formatReason, topReason } from '../../lib/format.js';
import { ResolvedNote, useResolvedBehind } from '../alerts/ResolvedNote.js';
import { WatchMark } from '../watch/WatchMark.js';

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const TopHostsTable = memo(function TopHostsTable({
  limit = 12,
  spark = true,
}: {
  limit?: number;
  /** The "last minutes" sparkline column (left out where the table is half a page wide). */
  spark?: boolean;
}) {
  const hosts = useLiveSelector((s) => s.topHosts);
  const raise = useAlerting()?.raise;
  const scoreStyle = useScoreStyle();
  const behind = useResolvedBehind();
  const rows = [...hosts].sort((a, b) => b.score - a.score).slice(0, limit);
  if (rows.length === 0) return <p className="empty">{t('wall.noHosts')}</p>;
  return (
    <table className="table hosts">
      <thead>
        <tr>
          <th scope="col">{t('col.host')}</th>
          <th scope="col">{t('col.segment')}</th>
          <th scope="col">{t('col.score')}</th>
          <th scope="col" className="hosts__reason-head">
            {t('col.topReason')}
          </th>
          {spark ? <th scope="col">{t('col.lastMinutes')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((h) => {
          const reason = topReason(h.reasons);
          const resolved = behind(scoreStyle(h.score, h.reasons).band, { host: h.ip });
          return (
            <tr key={h.ip}>
              <td className="mono">
                <Link to={`/hosts/${encodeURIComponent(h.ip)}`} className="hosts__link">
                  {h.ip}
                </Link>
                <WatchMark ip={h.ip} />
              </td>
              <td className="hosts__segment">
                <SegmentName name={h.segment} />
              </td>
              <td>
                <ScoreBadge score={h.score} reasons={h.reasons} />
              </td>
              <td className="hosts__reason" title={reason ? formatReason(reason, h.score) : undefined}>
                {reason ? formatReason(reason, h.score) : '—'}
                {resolved ? (
                  <div className="hosts__resolved">
                    <ResolvedNote alert={resolved} />
                  </div>
                ) : null}
              </td>
              {spark ? (
                <td>
                  <Sparkline
                    values={h.spark}
                    label={t('overview.scoreTrend', { ip: h.ip })}
                    threshold={raise}
                  />
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
