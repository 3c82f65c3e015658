/**
 * @module The wall's detail for one segment: its event rate and why it scores, events per second over the last
 * five minutes (values on the axis), and its most anomalous hosts with their band and top reason: those whose band
 * is not "normal" (`bandedHosts`, the rule of the segment's own band).
 */
import { SEVERITY_BANDS, shownScore } from '../../../../shared/schemas/alert.js';
import { useAlerting, useScoreStyle } from '../../app/AlertingProvider.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { BAND_LOOK } from '../../labels/bands.js';
import { rateWindowLabel } from '../../labels/quantities.js';
import { bandedHosts } from '../../lib/bands.js';
import { formatCount, formatReason, topReason } from '../../lib/format.js';
import { recentRate } from '../../lib/rates.js';
import { resolvedWallText, useResolvedBehind } from '../alerts/ResolvedNote.js';
import { useLastSeconds } from './useLastSeconds.js';
import { niceMax, WallChart } from './WallChart.js';
import { WallStaleTag } from './WallStatus.js';
import { WallWatchMark } from './WallWatchMark.js';

export function SegmentScene({ segment }: { segment: string }) {
  const seg = useLiveSelector((s) => s.segments).find((s) => s.segment === segment);
  const isStale = useLiveSelector((s) => s.stale).includes(segment);
  const rate = recentRate(useLiveSelector((s) => s.series).get(segment)) ?? seg?.eventsPerSec ?? 0;
  const bands = useAlerting()?.bands ?? SEVERITY_BANDS;
  const hosts = bandedHosts(seg?.topHosts ?? [], bands);
  const lines = useLastSeconds('events', segment);
  const peak = Math.max(0, ...lines.flatMap((l) => l.values.map((v) => v ?? 0)));
  const scoreStyle = useScoreStyle();
  const behind = useResolvedBehind();
  const reason = seg ? topReason(seg.reasons) : undefined;
  return (
    <div className="scene scene--segment">
      <div className="sseg__head">
        <h1 className="sseg__name">{segment}</h1>
        {isStale ? <WallStaleTag /> : null}
        <div className="sseg__facts">
          {t('wall.segmentFacts', {
            rate: formatCount(rate),
            window: rateWindowLabel(),
            hosts: formatCount(seg?.activeHosts ?? 0),
          })}
        </div>
      </div>
      {reason ? (
        <div className="sseg__reason">
          {t('wall.topReason', { reason: formatReason(reason, seg?.score) })}
        </div>
      ) : null}
      <div className="sseg__body">
        <div className="wchart">
          <div className="wchart__title">{t('wall.eventsTitle', { peak: formatCount(peak) })}</div>
          <WallChart
            series={lines.map((l) => ({ name: l.name, colour: '#56B4E9', values: l.values }))}
            max={niceMax(peak * 1.05)}
            unit="/s"
            label={t('wall.eventsLabel', { segment })}
          />
        </div>
        <div className="whosts">
          <div className="wchart__title">{t('wall.topHosts')}</div>
          {hosts.length === 0 ? (
            <div className="wempty">
              {seg && scoreStyle(seg.score, seg.reasons).band !== 'normal'
                ? t('wall.noHostsOwnEvidence')
                : t('wall.noHosts')}
            </div>
          ) : null}
          {hosts.map((h) => {
            const r = topReason(h.reasons);
            const look = scoreStyle(h.score, h.reasons);
            const resolved = behind(look.band, { host: h.ip });
            return (
              <div key={h.ip} className="whost">
                <div className="whost__line">
                  <span className="whost__ip">{h.ip}</span>
                  <WallWatchMark ip={h.ip} />
                  <span className={`whost__score wtile--${look.band}`}>
                    {shownScore(h.score)} {BAND_LOOK[look.band].shape} {look.label}
                  </span>
                </div>
                <div className="whost__reason">{r ? formatReason(r, h.score) : t('wall.noReason')}</div>
                {resolved ? (
                  <div className="whost__reason" data-testid="resolved-behind">
                    {resolvedWallText(resolved).long}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
