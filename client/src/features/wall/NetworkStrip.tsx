/**
 * @module The whole network on the wall at every moment: a tile per segment (name, score, band word, unresolved
 * critical and high alerts, or, for a score in an alert band with none, the alert resolved behind it:
 * `resolvedBehind`), set out as `stripLayout` says. It stays on screen whatever the detail panel shows, a takeover
 * included. A segment whose scorer is gone (the frame's `stale`) keeps its last figures on a greyed tile marked STALE.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { shownScore } from '../../../../shared/schemas/alert.js';
import { useScoreStyle } from '../../app/AlertingProvider.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { BAND_LOOK } from '../../labels/bands.js';
import { alertCounts } from '../alerts/counts.js';
import { resolvedWallText, useResolvedBehind } from '../alerts/ResolvedNote.js';
import { stripColumns, stripLayout } from './scenes.js';
import { WallStaleTag } from './WallStatus.js';

export function NetworkStrip({
  alerts,
  allowed,
  now,
}: {
  alerts: Alert[];
  allowed: Set<string> | null;
  now: number;
}) {
  const segments = useLiveSelector((s) => s.segments);
  const hasData = useLiveSelector((s) => s.hasData);
  const stale = useLiveSelector((s) => s.stale);
  const scoreStyle = useScoreStyle();
  const behind = useResolvedBehind();
  const shown = segments
    .filter((s) => !allowed || allowed.has(s.segment))
    .sort((a, b) => a.segment.localeCompare(b.segment));
  const cols = stripColumns(shown.length);
  // no tile at all: say which segments it waits for (a wall for a mistyped segment was an empty screen)
  // (once the first snapshot has come: before it, "no data yet" would be said of a network that has some)
  if (shown.length === 0 && hasData)
    return (
      <p className="wempty wstrip__none" data-testid="network-strip-empty">
        {allowed
          ? t('wall.noSegmentData', { segments: [...allowed].sort().join(', ') })
          : t('wall.noNetworkData')}
      </p>
    );
  return (
    <div
      className={`wstrip wstrip--${stripLayout(shown.length)}`}
      style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}
      data-testid="network-strip"
    >
      {shown.map((s) => {
        const look = scoreStyle(s.score, s.reasons);
        const c = alertCounts(alerts, now, (a) => a.segment === s.segment);
        const { critical, high } = c.bySeverity;
        const resolved =
          critical + high === 0 ? behind(look.band, { segment: s.segment, top: s.topHosts?.[0]?.ip }) : null;
        const said = resolved ? resolvedWallText(resolved) : null;
        const isStale = stale.includes(s.segment);
        return (
          <div
            key={s.segment}
            className={`wtile wtile--${look.band} ${isStale ? 'wtile--stale' : ''}`}
            data-segment={s.segment}
            data-stale={isStale || undefined}
          >
            <div className="wtile__name">{s.segment}</div>
            <div className="wtile__score">
              <span className="wtile__num" data-testid="segment-score">
                {shownScore(s.score)}
              </span>
              {isStale ? <WallStaleTag /> : null}
              <span className="wtile__sev">
                {BAND_LOOK[look.band].shape} {look.label}
              </span>
            </div>
            <div className="wtile__meta wtile__meta--long" data-testid={said ? 'resolved-behind' : undefined}>
              {said
                ? said.long
                : critical + high === 0
                  ? t('wall.noCriticalHigh')
                  : [
                      critical > 0
                        ? `${BAND_LOOK.critical.shape} ${t('wall.critical', { count: critical })}`
                        : '',
                      high > 0 ? `${BAND_LOOK.high.shape} ${t('wall.high', { count: high })}` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
            </div>
            <div
              className={`wtile__meta wtile__meta--short ${said || critical + high > 0 ? '' : 'wtile__meta--none'}`}
            >
              {said
                ? said.short
                : `${BAND_LOOK.critical.shape} ${critical} · ${BAND_LOOK.high.shape} ${high}`}
            </div>
          </div>
        );
      })}
    </div>
  );
}
