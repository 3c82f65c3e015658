/**
 * @module The wall's scene for one segment: its score and why, events per second over the last five minutes,
 * and its most anomalous hosts.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { useScoreStyle } from '../../app/AlertingProvider.js';
import { LineSvg } from '../../components/LineSvg.js';
import { SEVERITY_LOOK } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatCount, formatReason, topReason } from '../../lib/format.js';
import { ChartAxis } from './ChartAxis.js';
import { useLastSeconds } from './useLastSeconds.js';

export function SegmentScene({ segment, alerts }: { segment: string; alerts: Alert[] }) {
  const seg = useLiveSelector((s) => s.segments).find((s) => s.segment === segment);
  const hosts = useLiveSelector((s) => s.topHosts)
    .filter((h) => h.segment === segment)
    .slice(0, 5);
  const lines = useLastSeconds('events', segment);
  const max = Math.max(1, ...lines.flatMap((l) => l.values.map((v) => v ?? 0)));
  const scoreStyle = useScoreStyle();
  const look = scoreStyle(seg?.score ?? 0);
  const reason = seg ? topReason(seg.reasons) : undefined;
  const segAlerts = alerts.filter((a) => a.segment === segment && a.state !== 'resolved').length;
  return (
    <div className="scene scene--segment">
      <div className="sseg__head">
        <h1 className="sseg__name">{segment}</h1>
        <div className={`sseg__score ${look.severity ? `wtile--${look.severity}` : ''}`}>
          <span className="wtile__num">{Math.round(seg?.score ?? 0)}</span>
          <span className="wtile__sev">
            {look.severity ? `${SEVERITY_LOOK[look.severity].shape} ${look.label}` : 'normal'}
          </span>
        </div>
        <div className="sseg__facts">
          <div>{formatCount(seg?.eventsPerSec ?? 0)} events/s</div>
          <div>{formatCount(seg?.activeHosts ?? 0)} active hosts</div>
          <div>{segAlerts} unresolved alerts</div>
        </div>
      </div>
      {reason && look.severity ? (
        <div className="sseg__reason" title={reason.feature}>
          {formatReason(reason)}
        </div>
      ) : null}
      <div className="wchart">
        <div className="wchart__title">Events per second · last 5 min · peak {formatCount(max)}/s</div>
        <LineSvg
          series={lines.map((l) => ({ name: l.name, colour: '#56B4E9', values: l.values }))}
          max={max * 1.1}
          label={`Events per second in ${segment} over the last five minutes`}
        />
        <ChartAxis />
      </div>
      <div className="whosts">
        <div className="wchart__title">Most anomalous hosts</div>
        {hosts.length === 0 ? <div className="wempty">No anomalous hosts.</div> : null}
        {hosts.map((h) => {
          const r = topReason(h.reasons);
          const hs = scoreStyle(h.score);
          return (
            <div key={h.ip} className="whost">
              <span className="whost__ip">{h.ip}</span>
              <span className={`whost__score ${hs.severity ? `wtile--${hs.severity}` : ''}`}>
                {Math.round(h.score)} {hs.severity ? SEVERITY_LOOK[hs.severity].shape : ''}
              </span>
              <span className="whost__reason" title={r?.feature}>
                {r ? formatReason(r) : ''}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
