/**
 * @module The critical-alert takeover: one unacknowledged critical alert fills the wall's detail panel until
 * acknowledged; the counts and the strip of every segment stay above it.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { alertScoreNow, shownScore } from '../../../../shared/schemas/alert.js';
import { SEVERITY_LOOK } from '../../components/SeverityBadge.js';
import { t } from '../../i18n/index.js';
import { detectorName } from '../../labels/detectors.js';
import { formatAge, formatClock, formatReason, topReason } from '../../lib/format.js';
import { WallWatchMark } from './WallWatchMark.js';

export function Takeover({ alert: a, others, now }: { alert: Alert; others: number; now: number }) {
  const r = topReason(a.reasons);
  const scoreNow = alertScoreNow(a);
  return (
    <div className="takeover" role="alert">
      <div className="takeover__sev">
        {SEVERITY_LOOK.critical.shape} {t('wall.takeover')}
      </div>
      <div className="takeover__entity">{a.entity.id}</div>
      {a.entity.type === 'host' ? (
        <div className="takeover__watch">
          <WallWatchMark ip={a.entity.id} how />
        </div>
      ) : null}
      <div className="takeover__what">
        {/* an episode over has no score now (it read "score 20 (peak 92)" beside its segment's tile at 4) */}
        {scoreNow === null
          ? t('wall.takeoverWhatEnded', {
              detector: detectorName(a.detector),
              segment: a.segment,
              peak: shownScore(a.peakScore),
            })
          : t('wall.takeoverWhat', {
              detector: detectorName(a.detector),
              segment: a.segment,
              score: scoreNow,
              peak: shownScore(a.peakScore),
            })}
      </div>
      {/* past an episode its reasons are what it was raised for: their points read "was +n" */}
      {r ? <div className="takeover__reason">{formatReason(r, scoreNow ?? 0)}</div> : null}
      <div className="takeover__age">
        {t('wall.firstSeen', { clock: formatClock(a.firstSeen), age: formatAge(now - a.firstSeen) })}
        {others > 0 ? ` · ${t('wall.moreCritical', { count: others })}` : ''}
      </div>
    </div>
  );
}
